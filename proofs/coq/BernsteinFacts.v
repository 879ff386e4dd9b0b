(* Reusable facts for the exported Bernstein certificates (sgd-proofs, issue 12). *)
Require Import Reals Lra List.
Import ListNotations.
Open Scope R_scope.

(* One Bernstein factor on one axis: t^k (1-t)^j. *)
Definition bf (t : R) (k j : nat) : R := t ^ k * (1 - t) ^ j.

Lemma bf_nonneg : forall t k j, 0 <= t -> t <= 1 -> 0 <= bf t k j.
Proof.
  intros t k j H0 H1; unfold bf; apply Rmult_le_pos; apply pow_le; lra.
Qed.

Lemma pow_pos_or_zero : forall x n, (n = 0%nat \/ 0 < x) -> 0 < x ^ n.
Proof.
  intros x n [E | H]; [subst n; simpl; lra | apply pow_lt; exact H].
Qed.

(* > 0 inside the open box; on a closed face t = 0 (t = 1) when k = 0 (j = 0): the face rule. *)
Lemma bf_pos : forall t k j, (k = 0%nat \/ 0 < t) -> (j = 0%nat \/ t < 1) -> 0 < bf t k j.
Proof.
  intros t k j Hk Hj; unfold bf; apply Rmult_lt_0_compat.
  - apply pow_pos_or_zero; exact Hk.
  - apply pow_pos_or_zero; destruct Hj as [E | H]; [left; exact E | right; lra].
Qed.

Fixpoint sumR (l : list R) : R := match l with nil => 0 | x :: r => x + sumR r end.

Lemma sum_nonneg : forall l, Forall (fun x => 0 <= x) l -> 0 <= sumR l.
Proof.
  induction l as [| x r IH]; intro H; simpl; [lra |].
  inversion H; subst; specialize (IH H3); lra.
Qed.

(* A sum of non-negative terms one of which is positive is positive. *)
Lemma sum_pos : forall l, Forall (fun x => 0 <= x) l -> Exists (fun x => 0 < x) l -> 0 < sumR l.
Proof.
  induction l as [| x r IH]; intros H E; [inversion E |].
  simpl; inversion H; subst; inversion E; subst.
  - pose proof (sum_nonneg r H3); lra.
  - specialize (IH H3 H1); lra.
Qed.

(* The inverse substitution: a point between its bounds is lo + (hi - lo) t with t in the unit box. *)
Lemma box_oo : forall lo hi x, lo < x -> x < hi -> exists t, 0 < t /\ t < 1 /\ x = lo + (hi - lo) * t.
Proof.
  intros lo hi x H1 H2; exists ((x - lo) / (hi - lo)); repeat split.
  - apply Rdiv_lt_0_compat; lra.
  - apply (Rmult_lt_reg_r (hi - lo)); [lra |]; unfold Rdiv; rewrite Rmult_assoc, Rinv_l; lra.
  - field; lra.
Qed.

Lemma box_oc : forall lo hi x, lo < x -> x <= hi -> exists t, 0 < t /\ t <= 1 /\ x = lo + (hi - lo) * t.
Proof.
  intros lo hi x H1 H2; exists ((x - lo) / (hi - lo)); repeat split.
  - apply Rdiv_lt_0_compat; lra.
  - apply (Rmult_le_reg_r (hi - lo)); [lra |]; unfold Rdiv; rewrite Rmult_assoc, Rinv_l; lra.
  - field; lra.
Qed.

Lemma box_co : forall lo hi x, lo <= x -> x < hi -> exists t, 0 <= t /\ t < 1 /\ x = lo + (hi - lo) * t.
Proof.
  intros lo hi x H1 H2; exists ((x - lo) / (hi - lo)); repeat split.
  - apply Rmult_le_pos; [lra | left; apply Rinv_0_lt_compat; lra].
  - apply (Rmult_lt_reg_r (hi - lo)); [lra |]; unfold Rdiv; rewrite Rmult_assoc, Rinv_l; lra.
  - field; lra.
Qed.

Lemma box_cc : forall lo hi x, lo <= x -> x <= hi -> exists t, 0 <= t /\ t <= 1 /\ x = lo + (hi - lo) * t.
Proof.
  intros lo hi x H1 H2; destruct (Req_dec hi lo) as [E | N].
  - exists 0; repeat split; lra.
  - exists ((x - lo) / (hi - lo)); repeat split.
    + apply Rmult_le_pos; [lra | left; apply Rinv_0_lt_compat; lra].
    + apply (Rmult_le_reg_r (hi - lo)); [lra |]; unfold Rdiv; rewrite Rmult_assoc, Rinv_l; lra.
    + field; lra.
Qed.

(* Case split on a closed face. *)
Lemma face_lo : forall t, 0 <= t -> t = 0 \/ 0 < t.
Proof. intros t H; lra. Qed.

Lemma face_hi : forall t, t <= 1 -> t = 1 \/ t < 1.
Proof. intros t H; lra. Qed.

Ltac bern_nonneg :=
  repeat (apply Forall_cons; [repeat apply Rmult_le_pos; first [apply bf_nonneg; lra | lra] |]); apply Forall_nil.

Ltac bern_pos_term :=
  repeat apply Rmult_lt_0_compat;
  first [apply bf_pos; first [left; reflexivity | right; lra] | lra].
