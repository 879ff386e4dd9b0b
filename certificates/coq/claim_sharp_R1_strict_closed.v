Require Import Reals Lra.
Open Scope R_scope.

(* BEGIN STATEMENT *)
(* sharp.R1.strict_closed *)
Definition goal (a b z : R) : R :=
  - 2 * a^2 * b * z^2 + 4 * a * b^2 * z^2 + 4 * a * b * z^2 + b^4 * z^4 + 2 * b^3 * z^3 - 2 * b^3 * z^2 - 2 * b^2 * z^2 - 2 * b * z^2 + 2 * b * z + 1.

Definition statement : Prop :=
  ~ (forall a b z : R,
    b + 1 >= 0 ->
    - b + 1 >= 0 ->
    a >= 0 ->
    - a + 2 * b + 2 >= 0 ->
    z >= 0 ->
    - z + 1 >= 0 ->
    goal a b z > 0).
(* END STATEMENT *)

(* The exact counterexample (0, -1, 1): goal = 0. *)
Lemma goal_at_point : goal (0) (-1) (1) = 0.
Proof. unfold goal; field. Qed.

Theorem claim_sharp_R1_strict_closed : statement.
Proof.
  unfold statement; intro H.
  assert (HG := goal_at_point).
  assert (Hc := H (0) (-1) (1)).
  assert (HF : goal (0) (-1) (1) > 0) by (apply Hc; lra).
  lra.
Qed.
