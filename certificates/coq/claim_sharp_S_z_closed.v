Require Import Reals Lra List.
Import ListNotations.
From SgdProofs Require Import BernsteinFacts.
Open Scope R_scope.

(* BEGIN STATEMENT *)
(* sharp.S.z_closed *)
Definition goal (a b g z : R) : R :=
  a^2 * b * g * z^2 + a^2 * b * z^2 + a^2 * g * z - a^2 * z - 2 * a * b^2 * z^2 - 2 * a * b * z^2 + 2 * a * b * z + 2 * a * z - b^3 * z^3 + b^3 * z^2 + b^2 * z^2 - b^2 * z + b * z^2 - b * z - z + 1.

Definition statement : Prop :=
  forall a b g z : R,
    b + 1 > 0 ->
    - b + 1 > 0 ->
    a > 0 ->
    - a + 2 * b + 2 > 0 ->
    g >= 0 ->
    - g + 1 >= 0 ->
    z > 0 ->
    - z + 1 >= 0 ->
    goal a b g z > 0.
(* END STATEMENT *)

(* The Bernstein form of the goal on the unit box (degrees (3, 2, 1, 3)), coefficients times binomials. *)
Definition leaf (t1 t2 t3 t4 : R) : list R := [
  1 * bf t1 0 3 * bf t2 0 2 * bf t3 0 1 * bf t4 0 3;
  2 * bf t1 0 3 * bf t2 0 2 * bf t3 0 1 * bf t4 1 2;
  1 * bf t1 0 3 * bf t2 0 2 * bf t3 1 0 * bf t4 0 3;
  2 * bf t1 0 3 * bf t2 0 2 * bf t3 1 0 * bf t4 1 2;
  2 * bf t1 0 3 * bf t2 1 1 * bf t3 0 1 * bf t4 0 3;
  4 * bf t1 0 3 * bf t2 1 1 * bf t3 0 1 * bf t4 1 2;
  2 * bf t1 0 3 * bf t2 1 1 * bf t3 1 0 * bf t4 0 3;
  4 * bf t1 0 3 * bf t2 1 1 * bf t3 1 0 * bf t4 1 2;
  1 * bf t1 0 3 * bf t2 2 0 * bf t3 0 1 * bf t4 0 3;
  2 * bf t1 0 3 * bf t2 2 0 * bf t3 0 1 * bf t4 1 2;
  1 * bf t1 0 3 * bf t2 2 0 * bf t3 1 0 * bf t4 0 3;
  2 * bf t1 0 3 * bf t2 2 0 * bf t3 1 0 * bf t4 1 2;
  3 * bf t1 1 2 * bf t2 0 2 * bf t3 0 1 * bf t4 0 3;
  8 * bf t1 1 2 * bf t2 0 2 * bf t3 0 1 * bf t4 1 2;
  8 * bf t1 1 2 * bf t2 0 2 * bf t3 0 1 * bf t4 2 1;
  3 * bf t1 1 2 * bf t2 0 2 * bf t3 1 0 * bf t4 0 3;
  8 * bf t1 1 2 * bf t2 0 2 * bf t3 1 0 * bf t4 1 2;
  8 * bf t1 1 2 * bf t2 0 2 * bf t3 1 0 * bf t4 2 1;
  6 * bf t1 1 2 * bf t2 1 1 * bf t3 0 1 * bf t4 0 3;
  16 * bf t1 1 2 * bf t2 1 1 * bf t3 0 1 * bf t4 1 2;
  16 * bf t1 1 2 * bf t2 1 1 * bf t3 0 1 * bf t4 2 1;
  6 * bf t1 1 2 * bf t2 1 1 * bf t3 1 0 * bf t4 0 3;
  16 * bf t1 1 2 * bf t2 1 1 * bf t3 1 0 * bf t4 1 2;
  16 * bf t1 1 2 * bf t2 1 1 * bf t3 1 0 * bf t4 2 1;
  3 * bf t1 1 2 * bf t2 2 0 * bf t3 0 1 * bf t4 0 3;
  8 * bf t1 1 2 * bf t2 2 0 * bf t3 0 1 * bf t4 1 2;
  8 * bf t1 1 2 * bf t2 2 0 * bf t3 0 1 * bf t4 2 1;
  3 * bf t1 1 2 * bf t2 2 0 * bf t3 1 0 * bf t4 0 3;
  8 * bf t1 1 2 * bf t2 2 0 * bf t3 1 0 * bf t4 1 2;
  8 * bf t1 1 2 * bf t2 2 0 * bf t3 1 0 * bf t4 2 1;
  3 * bf t1 2 1 * bf t2 0 2 * bf t3 0 1 * bf t4 0 3;
  6 * bf t1 2 1 * bf t2 0 2 * bf t3 0 1 * bf t4 1 2;
  3 * bf t1 2 1 * bf t2 0 2 * bf t3 1 0 * bf t4 0 3;
  6 * bf t1 2 1 * bf t2 0 2 * bf t3 1 0 * bf t4 1 2;
  6 * bf t1 2 1 * bf t2 1 1 * bf t3 0 1 * bf t4 0 3;
  28 * bf t1 2 1 * bf t2 1 1 * bf t3 0 1 * bf t4 1 2;
  48 * bf t1 2 1 * bf t2 1 1 * bf t3 0 1 * bf t4 2 1;
  32 * bf t1 2 1 * bf t2 1 1 * bf t3 0 1 * bf t4 3 0;
  6 * bf t1 2 1 * bf t2 1 1 * bf t3 1 0 * bf t4 0 3;
  28 * bf t1 2 1 * bf t2 1 1 * bf t3 1 0 * bf t4 1 2;
  48 * bf t1 2 1 * bf t2 1 1 * bf t3 1 0 * bf t4 2 1;
  32 * bf t1 2 1 * bf t2 1 1 * bf t3 1 0 * bf t4 3 0;
  3 * bf t1 2 1 * bf t2 2 0 * bf t3 0 1 * bf t4 0 3;
  6 * bf t1 2 1 * bf t2 2 0 * bf t3 0 1 * bf t4 1 2;
  3 * bf t1 2 1 * bf t2 2 0 * bf t3 1 0 * bf t4 0 3;
  22 * bf t1 2 1 * bf t2 2 0 * bf t3 1 0 * bf t4 1 2;
  16 * bf t1 2 1 * bf t2 2 0 * bf t3 1 0 * bf t4 2 1;
  1 * bf t1 3 0 * bf t2 0 2 * bf t3 0 1 * bf t4 0 3;
  1 * bf t1 3 0 * bf t2 0 2 * bf t3 1 0 * bf t4 0 3;
  2 * bf t1 3 0 * bf t2 1 1 * bf t3 0 1 * bf t4 0 3;
  16 * bf t1 3 0 * bf t2 1 1 * bf t3 0 1 * bf t4 1 2;
  16 * bf t1 3 0 * bf t2 1 1 * bf t3 0 1 * bf t4 2 1;
  2 * bf t1 3 0 * bf t2 1 1 * bf t3 1 0 * bf t4 0 3;
  16 * bf t1 3 0 * bf t2 1 1 * bf t3 1 0 * bf t4 1 2;
  16 * bf t1 3 0 * bf t2 1 1 * bf t3 1 0 * bf t4 2 1;
  1 * bf t1 3 0 * bf t2 2 0 * bf t3 0 1 * bf t4 0 3;
  1 * bf t1 3 0 * bf t2 2 0 * bf t3 1 0 * bf t4 0 3;
  16 * bf t1 3 0 * bf t2 2 0 * bf t3 1 0 * bf t4 1 2;
  48 * bf t1 3 0 * bf t2 2 0 * bf t3 1 0 * bf t4 2 1;
  32 * bf t1 3 0 * bf t2 2 0 * bf t3 1 0 * bf t4 3 0].

Lemma leaf_identity : forall a b g z t1 t2 t3 t4 : R,
  (b = (- 1) + ((1) - (- 1)) * t1) -> (a = (0) + ((2 * b + 2) - (0)) * t2) -> (g = (0) + ((1) - (0)) * t3) -> (z = (0) + ((1) - (0)) * t4) ->
  goal a b g z = sumR (leaf t1 t2 t3 t4).
Proof.
  intros a b g z t1 t2 t3 t4 Et1 Et2 Et3 Et4.
  subst z g a b.
  unfold goal, leaf; cbn [sumR]; unfold bf; ring.
Qed.

Theorem claim_sharp_S_z_closed : statement.
Proof.
  unfold statement; intros a b g z H0 H1 H2 H3 H4 H5 H6 H7.
  destruct (box_oo (- 1) (1) b) as [t1 [Lt1 [Ut1 Et1]]]; [lra | lra |].
  destruct (box_oo (0) (2 * b + 2) a) as [t2 [Lt2 [Ut2 Et2]]]; [lra | lra |].
  destruct (box_cc (0) (1) g) as [t3 [Lt3 [Ut3 Et3]]]; [lra | lra |].
  destruct (box_oc (0) (1) z) as [t4 [Lt4 [Ut4 Et4]]]; [lra | lra |].
  pose proof (leaf_identity a b g z t1 t2 t3 t4 Et1 Et2 Et3 Et4) as Hid.
  destruct (face_lo t3 ltac:(lra)) as [Ft3l | Ft3l];
  destruct (face_hi t3 ltac:(lra)) as [Ft3h | Ft3h];
  destruct (face_hi t4 ltac:(lra)) as [Ft4h | Ft4h];
  [ lra | lra | assert (HB : 0 < sumR (leaf t1 t2 t3 t4)) by (apply sum_pos; unfold leaf; [bern_nonneg | do 37 apply Exists_cons_tl; apply Exists_cons_hd; bern_pos_term]); lra | assert (HB : 0 < sumR (leaf t1 t2 t3 t4)) by (apply sum_pos; unfold leaf; [bern_nonneg | do 0 apply Exists_cons_tl; apply Exists_cons_hd; bern_pos_term]); lra | assert (HB : 0 < sumR (leaf t1 t2 t3 t4)) by (apply sum_pos; unfold leaf; [bern_nonneg | do 41 apply Exists_cons_tl; apply Exists_cons_hd; bern_pos_term]); lra | assert (HB : 0 < sumR (leaf t1 t2 t3 t4)) by (apply sum_pos; unfold leaf; [bern_nonneg | do 2 apply Exists_cons_tl; apply Exists_cons_hd; bern_pos_term]); lra | assert (HB : 0 < sumR (leaf t1 t2 t3 t4)) by (apply sum_pos; unfold leaf; [bern_nonneg | do 37 apply Exists_cons_tl; apply Exists_cons_hd; bern_pos_term]); lra | assert (HB : 0 < sumR (leaf t1 t2 t3 t4)) by (apply sum_pos; unfold leaf; [bern_nonneg | do 0 apply Exists_cons_tl; apply Exists_cons_hd; bern_pos_term]); lra ].
Qed.
