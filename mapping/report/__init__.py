"""From a news report to a draft trip: dates, extraction, drafts."""
