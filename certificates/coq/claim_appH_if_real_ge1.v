Require Import Reals Lra List.
Import ListNotations.
From SgdProofs Require Import BernsteinFacts.
Open Scope R_scope.

(* BEGIN STATEMENT *)
(* appH.if.real_ge1 *)
Definition goal (a b w : R) : R :=
  a * w + b * w^2 - b * w - w + 1.

Definition statement : Prop :=
  forall a b w : R,
    b + 1 > 0 ->
    - b + 1 > 0 ->
    a > 0 ->
    - a + 2 * b + 2 > 0 ->
    w > 0 ->
    - w + 1 >= 0 ->
    goal a b w > 0.
(* END STATEMENT *)

(* The Bernstein form of the goal on the unit box (degrees (1, 1, 2)), coefficients times binomials. *)
Definition leaf (t1 t2 t3 : R) : list R := [
  1 * bf t1 0 1 * bf t2 0 1 * bf t3 0 2;
  2 * bf t1 0 1 * bf t2 0 1 * bf t3 1 1;
  1 * bf t1 0 1 * bf t2 1 0 * bf t3 0 2;
  2 * bf t1 0 1 * bf t2 1 0 * bf t3 1 1;
  1 * bf t1 1 0 * bf t2 0 1 * bf t3 0 2;
  1 * bf t1 1 0 * bf t2 1 0 * bf t3 0 2;
  4 * bf t1 1 0 * bf t2 1 0 * bf t3 1 1;
  4 * bf t1 1 0 * bf t2 1 0 * bf t3 2 0].

Lemma leaf_identity : forall a b w t1 t2 t3 : R,
  (b = (- 1) + ((1) - (- 1)) * t1) -> (a = (0) + ((2 * b + 2) - (0)) * t2) -> (w = (0) + ((1) - (0)) * t3) ->
  goal a b w = sumR (leaf t1 t2 t3).
Proof.
  intros a b w t1 t2 t3 Et1 Et2 Et3.
  subst w a b.
  unfold goal, leaf; cbn [sumR]; unfold bf; ring.
Qed.

Theorem claim_appH_if_real_ge1 : statement.
Proof.
  unfold statement; intros a b w H0 H1 H2 H3 H4 H5.
  destruct (box_oo (- 1) (1) b) as [t1 [Lt1 [Ut1 Et1]]]; [lra | lra |].
  destruct (box_oo (0) (2 * b + 2) a) as [t2 [Lt2 [Ut2 Et2]]]; [lra | lra |].
  destruct (box_oc (0) (1) w) as [t3 [Lt3 [Ut3 Et3]]]; [lra | lra |].
  pose proof (leaf_identity a b w t1 t2 t3 Et1 Et2 Et3) as Hid.
  destruct (face_hi t3 ltac:(lra)) as [Ft3h | Ft3h];
  [ assert (HB : 0 < sumR (leaf t1 t2 t3)) by (apply sum_pos; unfold leaf; [bern_nonneg | do 7 apply Exists_cons_tl; apply Exists_cons_hd; bern_pos_term]); lra | assert (HB : 0 < sumR (leaf t1 t2 t3)) by (apply sum_pos; unfold leaf; [bern_nonneg | do 0 apply Exists_cons_tl; apply Exists_cons_hd; bern_pos_term]); lra ].
Qed.
