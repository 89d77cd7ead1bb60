"""The core: the page model, the checks and their findings. Nothing here imports MkDocs."""
