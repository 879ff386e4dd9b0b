% sgd-proofs claim prop4.h_decreasing: l > 0, t >= 0, 0 < x1 < x2 => (l (x2 + t l) - l (x1 + t l)) (x1 + t l) (x2 + t l) > 0, i.e. l/(x1 + t l) > l/(x2 + t l): h(x) = sum_k lambda_k/(x + tau lambda_k) strictly decreases termwise
% expected answer: false (the claim holds)
rlset R$
phi := ex({l, t, x1, x2}, l > 0 and t >= 0 and x1 > 0 and - x1 + x2 > 0 and not (- l**3*t**2*x1 + l**3*t**2*x2 - l**2*t*x1**2 + l**2*t*x2**2 - l*x1**2*x2 + l*x1*x2**2 > 0))$
rlqe phi;
end;
