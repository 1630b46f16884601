"""One recognizer per file; ``casewarden.detect.registry`` maps rule names to them."""
