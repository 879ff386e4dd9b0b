"""Orthogonally invariant 4-tensors: the finite exact core of Prop. 9, Theorems 1 and 3 (App. D.4).

The step of the paper's proof that is a finite computation for each dimension ``d`` is eq. (88) ⇒
(89) ⇒ (80): a 4-tensor ``T`` on ``R^d`` with ``(U⊗U⊗U⊗U) T = T`` for every orthogonal ``U`` is a
combination of the three δ-pairings ``δ_ij δ_kl``, ``δ_ik δ_jl``, ``δ_il δ_jk`` (Weyl 1939), and with
the symmetries ``T_ijkl = T_jikl = T_ijlk`` of the noise tensor (8) it is a combination of
``δ_ij δ_kl`` and ``δ_ik δ_jl + δ_il δ_jk``: the two-parameter SE family (80). In Prop. 9 the group
acts on the data index (``d = N`` data points: ``Ψ → ΨU``); for features the same theorem says that
the fourth moment of an O(d)-invariant feature distribution makes the mini-batch noise exactly SE.

Why finitely many generators decide invariance under the whole group (two independent routes):

* **Lie algebra.** SO(d) is compact and connected, so ``T`` is SO(d)-fixed iff ``dρ(X) T = 0`` for
  ``X`` in a basis of so(d): the matrices ``L_ab = E_ab − E_ba`` (``a < b``), with ``dρ(X)`` acting as
  a derivation on each of the four slots. (Fixed ⇒ differentiate ``ρ(exp tX)T = T`` at 0; conversely
  ``ρ(exp tX) = exp(t dρ(X))`` fixes ``T``, and the exponentials generate the connected group.)
  ``O(d) = SO(d) ∪ R_0 SO(d)`` for the reflection ``R_0 = I − 2E_00``. Adding further elements of the
  group (all coordinate reflections ``R_a``; for SO(d) the products ``R_0 R_a``) does not change the
  fixed space; it only makes the rank computation sparse.
* **Cayley transforms.** ``Q_ab = (I − A)(I + A)^{-1}`` with ``A = 2(E_ab − E_ba)`` is the rotation of
  the ``(a, b)`` plane with ``cos θ = −3/5``; by Niven's theorem ``θ/π`` is irrational, so the powers
  of ``Q_ab`` are dense in the rotations of that plane. The closure of ``⟨Q_ab, R_a⟩`` is a closed
  subgroup containing ``exp(t L_ab)`` for a basis of so(d), hence SO(d), and with ``R_0`` it is O(d).
  The fixed space of a set equals that of its closure (the action is continuous).

Either way the fixed space is the kernel of one stacked integer matrix. Its rank is computed exactly
(python-flint over Z); the independent checker re-proves a lower bound ``rank ≥ d⁴ − k`` modulo a
prime (rank over Q ≥ rank mod p) and verifies ``k`` independent kernel vectors by exact
multiplication, so the fixed space has dimension exactly ``k`` and is their span.

Modules: :mod:`proofs.invariance.tensors` (the computation), :mod:`proofs.invariance.certify` (the
``invariance`` certificate).
"""
