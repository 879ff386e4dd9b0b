; The two-variable AM-GM inequality with define-fun and let: for x, y >= 0, ((x + y)/2)^2 >= x*y.
; The last assertion is the negated goal; the problem is unsat because m^2 - x*y = (x - y)^2/4.
(set-logic QF_NRA)
(set-info :status unsat)
(declare-fun x () Real)
(declare-fun y () Real)
(define-fun m () Real (/ (+ x y) 2))      ; the arithmetic mean, substituted where it is used
(assert (>= x 0.0))
(assert (>= y 0.0))
(assert (let ((gap (- (* m m) (* x y))))  ; let binds a Real term: substituted in the body
          (< gap 0)))
(check-sat)
