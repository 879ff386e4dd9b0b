; A satisfiable problem: a point of the unit disk with x + y > 1.4 exists (x = y = 0.7071… gives 1.414…).
; As a claim it reads "x^2 + y^2 <= 1 => x + y <= 1.4", which is false: it is refuted with an exact
; rational counterexample, a model of both assertions (for example x = 3/4, y = 21/32:
; 9/16 + 441/1024 <= 1 and 3/4 + 21/32 > 1.4).
(set-logic QF_NRA)
(set-info :status sat)
(declare-const x Real)
(declare-const y Real)
(assert (<= (+ (* x x) (* y y)) 1))
(assert (> (+ x y) 1.4))
(check-sat)
(get-model)
