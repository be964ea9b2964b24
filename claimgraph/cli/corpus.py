"""``claimgraph ingest|batch|query|sql|export|failures``: the corpus commands."""
