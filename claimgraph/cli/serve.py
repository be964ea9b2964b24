"""``claimgraph serve``: the HTTP API and web UI."""
