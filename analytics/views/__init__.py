"""Display tables built from the indicators, with Indonesian headers, for pages and exports."""
