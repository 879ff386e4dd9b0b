Require Import Reals Lra.
Open Scope R_scope.

(* BEGIN STATEMENT *)
(* sharp.R1.widen_a_upper *)
Definition goal (a b z : R) : R :=
  - 2 * a^2 * b * z^2 + 4 * a * b^2 * z^2 + 4 * a * b * z^2 + b^4 * z^4 + 2 * b^3 * z^3 - 2 * b^3 * z^2 - 2 * b^2 * z^2 - 2 * b * z^2 + 2 * b * z + 1.

Definition statement : Prop :=
  ~ (forall a b z : R,
    b + 1 > 0 ->
    - b + 1 > 0 ->
    a > 0 ->
    - a + 2 * b + 21/10 > 0 ->
    z > 0 ->
    - z + 1 > 0 ->
    goal a b z >= 0).
(* END STATEMENT *)

(* The exact counterexample (9779/2560, 7/8, 7/8): goal = -207101963/1677721600. *)
Lemma goal_at_point : goal (9779/2560) (7/8) (7/8) = -207101963/1677721600.
Proof. unfold goal; field. Qed.

Theorem claim_sharp_R1_widen_a_upper : statement.
Proof.
  unfold statement; intro H.
  assert (HG := goal_at_point).
  assert (Hc := H (9779/2560) (7/8) (7/8)).
  assert (HF : goal (9779/2560) (7/8) (7/8) >= 0) by (apply Hc; lra).
  lra.
Qed.
