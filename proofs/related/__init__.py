"""Certificates of the related papers' claims about exact second-moment recursions (issue 13)."""
