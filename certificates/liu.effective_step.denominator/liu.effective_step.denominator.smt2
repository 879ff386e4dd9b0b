; sgd-proofs claim liu.effective_step.denominator: unsat <=> 0<mu<1, 0<p<2 => 2(1+mu) - p(1-mu) > 0: at a fixed effective step p = k eta/(1-mu) the heavy ball with a = p(1-mu) is stable and E(mu)/E(0) = (1+mu)(2-p)/(2(1+mu)-p(1-mu)) has a positive denominator
(set-info :status unknown)
(set-logic QF_NRA)
(set-option :produce-models true)
(declare-fun mu () Real)
(declare-fun p () Real)
(assert (> mu 0))
(assert (> (+ (* (- 1) mu) 1) 0))
(assert (> p 0))
(assert (> (+ (* (- 1) p) 2) 0))
(assert (<= (+ (* mu p) (* 2 mu) (* (- 1) p) 2) 0)) ; negated goal
(check-sat)
(get-model)
