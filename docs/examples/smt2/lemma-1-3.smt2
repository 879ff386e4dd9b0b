; Lemma 1.3 of the paper: R1(a, b, z) >= 0 on the region -1 < b < 1, 0 < a < 2(b + 1), 0 < z < 1
; (the claim of README.md's five-minute tour, `claim.toml`, written as an SMT-LIB2 problem).
; The problem asserts the region and the NEGATED goal R1 < 0: unsat <=> the lemma holds.
;   read as a claim (sgd_proofs.smt2; docs/claim-files.md, "SMT-LIB2 input"), the last assertion (< R1 0)
;   becomes the goal R1 >= 0 and the others its assumptions: the same claim as the TOML file.
(set-logic QF_NRA)
(set-info :status unsat)
(declare-fun a () Real)
(declare-fun b () Real)
(declare-fun z () Real)
(define-fun R1 () Real
  (+ (* (- 2) a a b z z) (* 4 a b b z z) (* 4 a b z z) (* b b b b z z z z) (* 2 b b b z z z)
     (* (- 2) b b b z z) (* (- 2) b b z z) (* (- 2) b z z) (* 2 b z) 1))
(assert (< (- 1) b))
(assert (< b 1))
(assert (< 0 a))
(assert (< a (* 2 (+ b 1))))
(assert (and (< 0 z) (< z 1)))
(assert (< R1 0)) ; the negated goal
(check-sat)
(exit)
