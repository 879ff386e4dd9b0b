; sgd-proofs claim appH.onlyif.complex.1: unsat <=> complex roots x +- i sqrt(s-x^2), |root|^2 = s < 1 => b > -1
(set-info :status unknown)
(set-logic QF_NRA)
(set-option :produce-models true)
(declare-fun x () Real)
(declare-fun s () Real)
(assert (> (+ x 1) 0))
(assert (> (+ (* (- 1) x) 1) 0))
(assert (> (+ (* (- 1) x x) s) 0))
(assert (> (+ (* (- 1) s) 1) 0))
(assert (<= (+ s 1) 0)) ; negated goal
(check-sat)
(get-model)
