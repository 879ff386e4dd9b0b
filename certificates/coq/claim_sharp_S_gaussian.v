Require Import Reals Lra.
Open Scope R_scope.

(* BEGIN STATEMENT *)
(* sharp.S.gaussian *)
Definition goal (a b z : R) : R :=
  - 2 * a^2 * z - 2 * a * b^2 * z^2 - 2 * a * b * z^2 + 2 * a * b * z + 2 * a * z - b^3 * z^3 + b^3 * z^2 + b^2 * z^2 - b^2 * z + b * z^2 - b * z - z + 1.

Definition statement : Prop :=
  ~ (forall a b z : R,
    b + 1 > 0 ->
    - b + 1 > 0 ->
    a > 0 ->
    - a + 2 * b + 2 > 0 ->
    z > 0 ->
    - z + 1 > 0 ->
    goal a b z > 0).
(* END STATEMENT *)

(* The exact counterexample (3/2, 1/2, 1/2): goal = -15/64. *)
Lemma goal_at_point : goal (3/2) (1/2) (1/2) = -15/64.
Proof. unfold goal; field. Qed.

Theorem claim_sharp_S_gaussian : statement.
Proof.
  unfold statement; intro H.
  assert (HG := goal_at_point).
  assert (Hc := H (3/2) (1/2) (1/2)).
  assert (HF : goal (3/2) (1/2) (1/2) > 0) by (apply Hc; lra).
  lra.
Qed.
