; sgd-proofs claim appH.onlyif.complex.3: unsat <=> complex roots x +- i sqrt(s-x^2), |root|^2 = s < 1 => a > 0
(set-info :status unknown)
(set-logic QF_NRA)
(set-option :produce-models true)
(declare-fun x () Real)
(declare-fun s () Real)
(assert (> (+ x 1) 0))
(assert (> (+ (* (- 1) x) 1) 0))
(assert (> (+ (* (- 1) x x) s) 0))
(assert (> (+ (* (- 1) s) 1) 0))
(assert (<= (+ (* (- 2) x) s 1) 0)) ; negated goal
(check-sat)
(get-model)
