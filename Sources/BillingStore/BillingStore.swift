// BillingStore
