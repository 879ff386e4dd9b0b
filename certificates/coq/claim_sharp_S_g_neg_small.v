Require Import Reals Lra.
Open Scope R_scope.

(* BEGIN STATEMENT *)
(* sharp.S.g_neg_small *)
Definition goal (a b g z : R) : R :=
  a^2 * b * g * z^2 + a^2 * b * z^2 + a^2 * g * z - a^2 * z - 2 * a * b^2 * z^2 - 2 * a * b * z^2 + 2 * a * b * z + 2 * a * z - b^3 * z^3 + b^3 * z^2 + b^2 * z^2 - b^2 * z + b * z^2 - b * z - z + 1.

Definition statement : Prop :=
  ~ (forall a b g z : R,
    b + 1 > 0 ->
    - b + 1 > 0 ->
    a > 0 ->
    - a + 2 * b + 2 > 0 ->
    g + 1/1000 >= 0 ->
    - g > 0 ->
    z > 0 ->
    - z + 1 > 0 ->
    goal a b g z > 0).
(* END STATEMENT *)

(* The exact counterexample (3825/1024, 7/8, -1/1000, 7/8): goal = -2854155/4294967296. *)
Lemma goal_at_point : goal (3825/1024) (7/8) (-1/1000) (7/8) = -2854155/4294967296.
Proof. unfold goal; field. Qed.

Theorem claim_sharp_S_g_neg_small : statement.
Proof.
  unfold statement; intro H.
  assert (HG := goal_at_point).
  assert (Hc := H (3825/1024) (7/8) (-1/1000) (7/8)).
  assert (HF : goal (3825/1024) (7/8) (-1/1000) (7/8) > 0) by (apply Hc; lra).
  lra.
Qed.
