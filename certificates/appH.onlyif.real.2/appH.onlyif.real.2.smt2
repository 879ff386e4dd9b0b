; sgd-proofs claim appH.onlyif.real.2: unsat <=> real roots m1, m2 in (-1,1) => b < 1
(set-info :status unknown)
(set-logic QF_NRA)
(set-option :produce-models true)
(declare-fun m1 () Real)
(declare-fun m2 () Real)
(assert (> (+ m1 1) 0))
(assert (> (+ (* (- 1) m1) 1) 0))
(assert (> (+ m2 1) 0))
(assert (> (+ (* (- 1) m2) 1) 0))
(assert (<= (+ (* (- 1) m1 m2) 1) 0)) ; negated goal
(check-sat)
(get-model)
