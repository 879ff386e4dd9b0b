Theorem claim_appH_if : statement.
Proof.
  unfold statement, goal; intros a b x y H0 H1 H2 H3 Hre Him.
  (* Im f = y (2x + a - b - 1) = 0: a real root (y = 0) or Re mu = (1 + b - a)/2. *)
  assert (Hf : y * (2 * x + a - b - 1) = 0) by (rewrite <- Him; ring).
  destruct (Rmult_integral _ _ Hf) as [Hy | Hx].
  - (* y = 0: the real root x satisfies -1 < x < 1, since f > 0 on x >= 1 and on x <= -1. *)
    subst y.
    assert (Hlo : -1 < x).
    { destruct (Rle_or_lt x (-1)) as [Hle | Hlt]; [exfalso | exact Hlt].
      (* f(x) = (x + 1)(x - 2 - b + a) + (2 + 2b - a), both factors <= 0 *)
      assert (Hp : 0 <= (-(x + 1)) * (-(x - 2 - b + a))) by (apply Rmult_le_pos; lra).
      nra. }
    assert (Hhi : x < 1).
    { destruct (Rle_or_lt 1 x) as [Hle | Hlt]; [exfalso | exact Hlt].
      (* f(x) = (x - 1)(x - b + a) + a, both factors >= 0 *)
      assert (Hp : 0 <= (x - 1) * (x - b + a)) by (apply Rmult_le_pos; lra).
      nra. }
    assert (Hp : 0 < (1 - x) * (1 + x)) by (apply Rmult_lt_0_compat; lra).
    nra.
  - (* 2x = 1 + b - a: Re f = b - x^2 - y^2 = 0, so x^2 + y^2 = b < 1. *)
    assert (Ha : a = b + 1 - 2 * x) by lra.
    subst a.
    nra.
Qed.
