"""Training the engine's models: the comment classifier and the name tagger.

Nothing here runs while scanning: these modules import NumPy, SciPy, scikit-learn and
python-crfsuite's trainer only when a model is trained (``casewarden detect train``,
``make model``). They are never compiled (see ``setup.py``).
"""
