Require Import Reals Lra List.
Import ListNotations.
From SgdProofs Require Import BernsteinFacts.
Open Scope R_scope.

(* BEGIN STATEMENT *)
(* sharp.S.g_slope *)
Definition goal (a b z : R) : R :=
  a^2 * b * z^2 + a^2 * z.

Definition statement : Prop :=
  forall a b z : R,
    b + 1 > 0 ->
    - b + 1 > 0 ->
    a > 0 ->
    - a + 2 * b + 2 > 0 ->
    z > 0 ->
    - z + 1 > 0 ->
    goal a b z > 0.
(* END STATEMENT *)

(* The Bernstein form of the goal on the unit box (degrees (3, 2, 2)), coefficients times binomials. *)
Definition leaf (t1 t2 t3 : R) : list R := [
  16 * bf t1 2 1 * bf t2 2 0 * bf t3 1 1;
  16 * bf t1 3 0 * bf t2 2 0 * bf t3 1 1;
  32 * bf t1 3 0 * bf t2 2 0 * bf t3 2 0].

Lemma leaf_identity : forall a b z t1 t2 t3 : R,
  (b = (- 1) + ((1) - (- 1)) * t1) -> (a = (0) + ((2 * b + 2) - (0)) * t2) -> (z = (0) + ((1) - (0)) * t3) ->
  goal a b z = sumR (leaf t1 t2 t3).
Proof.
  intros a b z t1 t2 t3 Et1 Et2 Et3.
  subst z a b.
  unfold goal, leaf; cbn [sumR]; unfold bf; ring.
Qed.

Theorem claim_sharp_S_g_slope : statement.
Proof.
  unfold statement; intros a b z H0 H1 H2 H3 H4 H5.
  destruct (box_oo (- 1) (1) b) as [t1 [Lt1 [Ut1 Et1]]]; [lra | lra |].
  destruct (box_oo (0) (2 * b + 2) a) as [t2 [Lt2 [Ut2 Et2]]]; [lra | lra |].
  destruct (box_oo (0) (1) z) as [t3 [Lt3 [Ut3 Et3]]]; [lra | lra |].
  pose proof (leaf_identity a b z t1 t2 t3 Et1 Et2 Et3) as Hid.
  assert (HB : 0 < sumR (leaf t1 t2 t3)) by (apply sum_pos; unfold leaf; [bern_nonneg | do 0 apply Exists_cons_tl; apply Exists_cons_hd; bern_pos_term]); lra.
Qed.
