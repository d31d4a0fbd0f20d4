"""Generation of every derived artifact from the LinkML schema (``make generate``)."""
