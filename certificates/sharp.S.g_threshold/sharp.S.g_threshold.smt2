; sgd-proofs claim sharp.S.g_threshold: unsat <=> for all g: [S > 0 on the whole Lemma 1.1 (a,b,z) region] <=> g >= 0
(set-info :status unknown)
(set-logic NRA)
(set-option :produce-models true)
(declare-fun g () Real)
(assert (not (= (forall ((a Real)) (forall ((b Real)) (forall ((z Real)) (=> (and (> (+ b 1) 0) (> (+ (* (- 1) b) 1) 0) (> a 0) (> (+ (* (- 1) a) (* 2 b) 2) 0) (> z 0) (> (+ (* (- 1) z) 1) 0)) (> (+ (* g a a b z z) (* g a a z) (* a a b z z) (* (- 1) a a z) (* (- 2) a b b z z) (* (- 2) a b z z) (* 2 a b z) (* 2 a z) (* (- 1) b b b z z z) (* b b b z z) (* b b z z) (* (- 1) b b z) (* b z z) (* (- 1) b z) (* (- 1) z) 1) 0))))) (and (>= g 0)))))
(check-sat)
