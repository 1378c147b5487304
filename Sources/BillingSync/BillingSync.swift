// BillingSync
