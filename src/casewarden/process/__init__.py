"""The running process, put together from the domains: the layer beside web/ and cli/.

``runtime`` wires what a serve or worker process runs (the webhook's intake, the
moderation worker and the jobs that ride along with it: publishing, automatic answers,
locate and archive retention, token checks); ``metrics`` reads the figures /metrics
shows across the domains. Domains never import this package, web/ or cli/; only these
three sit above them.
"""
