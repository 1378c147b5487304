// BilltopApp
