"""Tools beside the build: the handbook command, the card PDF, the CSP, a browser and a server."""
