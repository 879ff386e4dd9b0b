Require Import Reals Lra List.
Import ListNotations.
From SgdProofs Require Import BernsteinFacts.
Open Scope R_scope.

(* BEGIN STATEMENT *)
(* appH.onlyif.complex.2 *)
Definition goal (x s : R) : R :=
  - s + 1.

Definition statement : Prop :=
  forall x s : R,
    x + 1 > 0 ->
    - x + 1 > 0 ->
    - x^2 + s > 0 ->
    - s + 1 > 0 ->
    goal x s > 0.
(* END STATEMENT *)

(* The Bernstein form of the goal on the unit box (degrees (2, 1)), coefficients times binomials. *)
Definition leaf (t1 t2 : R) : list R := [
  4 * bf t1 1 1 * bf t2 0 1].

Lemma leaf_identity : forall x s t1 t2 : R,
  (x = (- 1) + ((1) - (- 1)) * t1) -> (s = (x^2) + ((1) - (x^2)) * t2) ->
  goal x s = sumR (leaf t1 t2).
Proof.
  intros x s t1 t2 Et1 Et2.
  subst s x.
  unfold goal, leaf; cbn [sumR]; unfold bf; ring.
Qed.

Theorem claim_appH_onlyif_complex_2 : statement.
Proof.
  unfold statement; intros x s H0 H1 H2 H3.
  destruct (box_oo (- 1) (1) x) as [t1 [Lt1 [Ut1 Et1]]]; [lra | lra |].
  destruct (box_oo (x^2) (1) s) as [t2 [Lt2 [Ut2 Et2]]]; [lra | lra |].
  pose proof (leaf_identity x s t1 t2 Et1 Et2) as Hid.
  assert (HB : 0 < sumR (leaf t1 t2)) by (apply sum_pos; unfold leaf; [bern_nonneg | do 0 apply Exists_cons_tl; apply Exists_cons_hd; bern_pos_term]); lra.
Qed.
