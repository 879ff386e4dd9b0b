"""Per-paper claim registries: each module ``proofs.papers.<paperkey>`` defines ``claims() -> list``.

``proofs.registry.claims()`` returns the first paper's entries (Velikanov et al., defined in
``proofs.registry`` itself) followed by the entries of every module of this package, discovered with
``pkgutil`` and taken in the order of the module names; a claim name given twice is an error. A module
builds its entries with ``proofs.registry._claim`` (exact polynomials from sympy expressions) and has
its specification, with the same meaning, in ``checker/papers/<paperkey>.toml``.
"""
