Require Import Reals Lra List.
Import ListNotations.
From SgdProofs Require Import BernsteinFacts.
Open Scope R_scope.

(* BEGIN STATEMENT *)
(* appH.onlyif.real.3 *)
Definition goal (m1 m2 : R) : R :=
  m1 * m2 - m1 - m2 + 1.

Definition statement : Prop :=
  forall m1 m2 : R,
    m1 + 1 > 0 ->
    - m1 + 1 > 0 ->
    m2 + 1 > 0 ->
    - m2 + 1 > 0 ->
    goal m1 m2 > 0.
(* END STATEMENT *)

(* The Bernstein form of the goal on the unit box (degrees (1, 1)), coefficients times binomials. *)
Definition leaf (t1 t2 : R) : list R := [
  4 * bf t1 0 1 * bf t2 0 1].

Lemma leaf_identity : forall m1 m2 t1 t2 : R,
  (m1 = (- 1) + ((1) - (- 1)) * t1) -> (m2 = (- 1) + ((1) - (- 1)) * t2) ->
  goal m1 m2 = sumR (leaf t1 t2).
Proof.
  intros m1 m2 t1 t2 Et1 Et2.
  subst m2 m1.
  unfold goal, leaf; cbn [sumR]; unfold bf; ring.
Qed.

Theorem claim_appH_onlyif_real_3 : statement.
Proof.
  unfold statement; intros m1 m2 H0 H1 H2 H3.
  destruct (box_oo (- 1) (1) m1) as [t1 [Lt1 [Ut1 Et1]]]; [lra | lra |].
  destruct (box_oo (- 1) (1) m2) as [t2 [Lt2 [Ut2 Et2]]]; [lra | lra |].
  pose proof (leaf_identity m1 m2 t1 t2 Et1 Et2) as Hid.
  assert (HB : 0 < sumR (leaf t1 t2)) by (apply sum_pos; unfold leaf; [bern_nonneg | do 0 apply Exists_cons_tl; apply Exists_cons_hd; bern_pos_term]); lra.
Qed.
