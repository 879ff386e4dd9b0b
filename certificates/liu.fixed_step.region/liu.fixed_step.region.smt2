; sgd-proofs claim liu.fixed_step.region: unsat <=> 0<mu<1, 0<a<2, a<1+mu => (1+mu)(2-a) - (1-mu)(2(1+mu)-a) > 0: momentum hurts (E(mu) > E(0)) exactly when a < 1+mu
(set-info :status unknown)
(set-logic QF_NRA)
(set-option :produce-models true)
(declare-fun mu () Real)
(declare-fun a () Real)
(assert (> mu 0))
(assert (> (+ (* (- 1) mu) 1) 0))
(assert (> a 0))
(assert (> (+ (* (- 1) a) 2) 0))
(assert (> (+ mu (* (- 1) a) 1) 0))
(assert (<= (+ (* 2 mu mu) (* (- 2) mu a) (* 2 mu)) 0)) ; negated goal
(check-sat)
(get-model)
