% sgd-proofs claim appH.if.real_le_minus1: region, 0<w<=1 => w^2 f(-1/w) > 0 (no real root mu <= -1)
% expected answer: false (the claim holds)
rlset R$
phi := ex({a, b, w}, b + 1 > 0 and - b + 1 > 0 and a > 0 and - a + 2*b + 2 > 0 and w > 0 and - w + 1 >= 0 and not (- a*w + b*w**2 + b*w + w + 1 > 0))$
rlqe phi;
end;
