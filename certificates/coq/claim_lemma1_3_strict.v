Require Import Reals Lra List.
Import ListNotations.
From SgdProofs Require Import BernsteinFacts.
Open Scope R_scope.

(* BEGIN STATEMENT *)
(* lemma1.3.strict *)
Definition goal (a b z : R) : R :=
  - 2 * a^2 * b * z^2 + 4 * a * b^2 * z^2 + 4 * a * b * z^2 + b^4 * z^4 + 2 * b^3 * z^3 - 2 * b^3 * z^2 - 2 * b^2 * z^2 - 2 * b * z^2 + 2 * b * z + 1.

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

(* The Bernstein form of the goal on the unit box (degrees (4, 2, 4)), coefficients times binomials. *)
Definition leaf (t1 t2 t3 : R) : list R := [
  1 * bf t1 0 4 * bf t2 0 2 * bf t3 0 4;
  2 * bf t1 0 4 * bf t2 0 2 * bf t3 1 3;
  2 * bf t1 0 4 * bf t2 0 2 * bf t3 2 2;
  2 * bf t1 0 4 * bf t2 1 1 * bf t3 0 4;
  4 * bf t1 0 4 * bf t2 1 1 * bf t3 1 3;
  4 * bf t1 0 4 * bf t2 1 1 * bf t3 2 2;
  1 * bf t1 0 4 * bf t2 2 0 * bf t3 0 4;
  2 * bf t1 0 4 * bf t2 2 0 * bf t3 1 3;
  2 * bf t1 0 4 * bf t2 2 0 * bf t3 2 2;
  4 * bf t1 1 3 * bf t2 0 2 * bf t3 0 4;
  12 * bf t1 1 3 * bf t2 0 2 * bf t3 1 3;
  12 * bf t1 1 3 * bf t2 0 2 * bf t3 2 2;
  8 * bf t1 1 3 * bf t2 0 2 * bf t3 3 1;
  8 * bf t1 1 3 * bf t2 1 1 * bf t3 0 4;
  24 * bf t1 1 3 * bf t2 1 1 * bf t3 1 3;
  24 * bf t1 1 3 * bf t2 1 1 * bf t3 2 2;
  16 * bf t1 1 3 * bf t2 1 1 * bf t3 3 1;
  4 * bf t1 1 3 * bf t2 2 0 * bf t3 0 4;
  12 * bf t1 1 3 * bf t2 2 0 * bf t3 1 3;
  12 * bf t1 1 3 * bf t2 2 0 * bf t3 2 2;
  8 * bf t1 1 3 * bf t2 2 0 * bf t3 3 1;
  6 * bf t1 2 2 * bf t2 0 2 * bf t3 0 4;
  24 * bf t1 2 2 * bf t2 0 2 * bf t3 1 3;
  40 * bf t1 2 2 * bf t2 0 2 * bf t3 2 2;
  32 * bf t1 2 2 * bf t2 0 2 * bf t3 3 1;
  16 * bf t1 2 2 * bf t2 0 2 * bf t3 4 0;
  12 * bf t1 2 2 * bf t2 1 1 * bf t3 0 4;
  48 * bf t1 2 2 * bf t2 1 1 * bf t3 1 3;
  48 * bf t1 2 2 * bf t2 1 1 * bf t3 2 2;
  6 * bf t1 2 2 * bf t2 2 0 * bf t3 0 4;
  24 * bf t1 2 2 * bf t2 2 0 * bf t3 1 3;
  40 * bf t1 2 2 * bf t2 2 0 * bf t3 2 2;
  32 * bf t1 2 2 * bf t2 2 0 * bf t3 3 1;
  16 * bf t1 2 2 * bf t2 2 0 * bf t3 4 0;
  4 * bf t1 3 1 * bf t2 0 2 * bf t3 0 4;
  20 * bf t1 3 1 * bf t2 0 2 * bf t3 1 3;
  36 * bf t1 3 1 * bf t2 0 2 * bf t3 2 2;
  24 * bf t1 3 1 * bf t2 0 2 * bf t3 3 1;
  8 * bf t1 3 1 * bf t2 1 1 * bf t3 0 4;
  40 * bf t1 3 1 * bf t2 1 1 * bf t3 1 3;
  72 * bf t1 3 1 * bf t2 1 1 * bf t3 2 2;
  48 * bf t1 3 1 * bf t2 1 1 * bf t3 3 1;
  4 * bf t1 3 1 * bf t2 2 0 * bf t3 0 4;
  20 * bf t1 3 1 * bf t2 2 0 * bf t3 1 3;
  36 * bf t1 3 1 * bf t2 2 0 * bf t3 2 2;
  24 * bf t1 3 1 * bf t2 2 0 * bf t3 3 1;
  1 * bf t1 4 0 * bf t2 0 2 * bf t3 0 4;
  6 * bf t1 4 0 * bf t2 0 2 * bf t3 1 3;
  6 * bf t1 4 0 * bf t2 0 2 * bf t3 2 2;
  2 * bf t1 4 0 * bf t2 1 1 * bf t3 0 4;
  12 * bf t1 4 0 * bf t2 1 1 * bf t3 1 3;
  44 * bf t1 4 0 * bf t2 1 1 * bf t3 2 2;
  64 * bf t1 4 0 * bf t2 1 1 * bf t3 3 1;
  32 * bf t1 4 0 * bf t2 1 1 * bf t3 4 0;
  1 * bf t1 4 0 * bf t2 2 0 * bf t3 0 4;
  6 * bf t1 4 0 * bf t2 2 0 * bf t3 1 3;
  6 * bf t1 4 0 * bf t2 2 0 * bf t3 2 2].

Lemma leaf_identity : forall a b z t1 t2 t3 : R,
  (b = (- 1) + ((1) - (- 1)) * t1) -> (a = (0) + ((2 * b + 2) - (0)) * t2) -> (z = (0) + ((1) - (0)) * t3) ->
  goal a b z = sumR (leaf t1 t2 t3).
Proof.
  intros a b z t1 t2 t3 Et1 Et2 Et3.
  subst z a b.
  unfold goal, leaf; cbn [sumR]; unfold bf; ring.
Qed.

Theorem claim_lemma1_3_strict : statement.
Proof.
  unfold statement; intros a b z H0 H1 H2 H3 H4 H5.
  destruct (box_oo (- 1) (1) b) as [t1 [Lt1 [Ut1 Et1]]]; [lra | lra |].
  destruct (box_oo (0) (2 * b + 2) a) as [t2 [Lt2 [Ut2 Et2]]]; [lra | lra |].
  destruct (box_oo (0) (1) z) as [t3 [Lt3 [Ut3 Et3]]]; [lra | lra |].
  pose proof (leaf_identity a b z t1 t2 t3 Et1 Et2 Et3) as Hid.
  assert (HB : 0 < sumR (leaf t1 t2 t3)) by (apply sum_pos; unfold leaf; [bern_nonneg | do 0 apply Exists_cons_tl; apply Exists_cons_hd; bern_pos_term]); lra.
Qed.
