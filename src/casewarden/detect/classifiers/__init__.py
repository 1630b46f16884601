"""Post-level classifiers, one per category; ``casewarden.detect.registry`` maps rule names."""
