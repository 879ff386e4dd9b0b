; sgd-proofs claim liu.fixed_step.denominator: unsat <=> 0<mu<1, 0<a<2 => (1-mu)(2(1+mu)-a) > 0: the denominator of E(mu)/E(0) = (1+mu)(2-a)/((1-mu)(2(1+mu)-a)) is positive, so E(mu) is finite and the comparison may be cross-multiplied
(set-info :status unknown)
(set-logic QF_NRA)
(set-option :produce-models true)
(declare-fun mu () Real)
(declare-fun a () Real)
(assert (> mu 0))
(assert (> (+ (* (- 1) mu) 1) 0))
(assert (> a 0))
(assert (> (+ (* (- 1) a) 2) 0))
(assert (<= (+ (* (- 2) mu mu) (* mu a) (* (- 1) a) 2) 0)) ; negated goal
(check-sat)
(get-model)
