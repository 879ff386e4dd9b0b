; sgd-proofs claim appH.onlyif.complex.1: unsat <=> complex roots x+-iy, y>0, x^2+y^2<1 => b > -1
(set-info :status unknown)
(set-logic QF_NRA)
(set-option :produce-models true)
(declare-fun x () Real)
(declare-fun y () Real)
(assert (> y 0))
(assert (> (+ (* (- 1) x x) (* (- 1) y y) 1) 0))
(assert (<= (+ (* x x) (* y y) 1) 0)) ; negated goal
(check-sat)
(get-model)
