#!/usr/bin/env python3
"""Writes behaviour-cases.jsonl: octorepl's own (gold, response) cases, labelled by Math-Verify.

    python3 make_behaviour_cases.py > ../behaviour-cases.jsonl     (needs: pip install math-verify==0.9.0)

`intended` is the verdict octorepl must give: Math-Verify's, except where `octorepl_differs`
names one of the deliberate differences documented in Docs/Grading.md.
Every template here was written for octorepl from Math-Verify's documented behaviour (README,
docstrings); none is copied from its test-suite. Labels: verify(parse(gold), parse(response)),
gold wrapped in $...$ as in ../README.md. Seeded, deterministic.
"""
import json
import random
import sys
from fractions import Fraction

from math_verify import parse, verify

R = random.Random(1313)
CASES = []


def add(cat, gold, response, style="math"):
    CASES.append({"cat": cat, "style": style, "gold": gold, "response": response})


FILLER = [
    "First we collect what is given.", "Let me check the arithmetic once more.",
    "We substitute the values into the formula.", "Multiplying out both sides helps here.",
    "There are 3 cases to consider, and case 2 is empty.", "Note that 12 and 18 share a factor of 6.",
    "Subtracting 7 from both sides, we continue.", "The discriminant is 49, a perfect square.",
]


def reasoning(n=2):
    return " ".join(R.sample(FILLER, n))


def frac(p, q):
    return f"\\frac{{{p}}}{{{q}}}"


# 1. Bare final answers (no box, no $...$)
for _ in range(40):
    p, q = R.randint(1, 40), R.randint(2, 40)
    if p % q == 0:
        q += 1
    f = Fraction(p, q)
    gold = frac(f.numerator, f.denominator)
    k = R.choice([1, 1, 2])
    shown = [frac(f.numerator * k, f.denominator * k), f"{f.numerator * k}/{f.denominator * k}"][R.randint(0, 1)]
    wrong = R.random() < 0.25
    if wrong:
        shown = shown.replace(str(f.numerator * k), str(f.numerator * k + 1), 1)
    t = R.choice([
        "{r} So the probability is {a}.", "{r} Therefore we get {a}", "{r}\nThe ratio equals {a}.",
        "{r} Simplifying, the value is {a}", "{r} Hence it is {a}."])
    add("bare", gold, t.format(r=reasoning(), a=shown))
for _ in range(30):
    n = R.randint(2, 9999)
    shown = n if R.random() > 0.2 else n + R.choice([-1, 1, 10])
    t = R.choice(["{r} So she has {a} apples left.", "{r} In total that makes {a}.", "{r} The total is {a} dollars.",
                  "{r}\n{a}", "{r} We end up with {a}, which is the count."])
    add("bare", str(n), t.format(r=reasoning(), a=f"{shown:,}" if R.random() < 0.3 else shown),
        style=R.choice(["gsm8k", "math"]))

# 2. Percent
for _ in range(40):
    v = R.choice([5, 12, 20, 25, 28, 37.5, 40, 62.5, 75, 80, 12.5, 150])
    vs = f"{v:g}"
    gold = R.choice([f"{vs}\\%", vs, f"{v / 100:g}", f"{vs}%"])
    form = R.choice([f"{vs}%", f"{vs}\\%", f"{vs} percent", f"{vs} pct", f"${vs}\\%$", f"\\boxed{{{vs}\\%}}",
                     f"${vs}$ percent", f"{vs} percentage"])
    if R.random() < 0.2:
        form = form.replace(vs, f"{v + 1:g}", 1)
    t = R.choice(["{r} The answer is {a}.", "{r} So the discount is {a}.", "{r} Thus {a} of the students passed.",
                  "{r} Final answer: {a}"])
    add("percent", gold, t.format(r=reasoning(), a=form), style=R.choice(["gsm8k", "math"]))

# 3. Relations and intervals
for _ in range(25):
    a = R.randint(-9, 12)
    var = R.choice("xyktn")
    gold = R.choice([str(a), f"{var}={a}", f"{var} = {a}"])
    form = R.choice([f"${var} = {a}$", f"$\\boxed{{{var}={a}}}$", f"${a}$", f"${var} = {a - 2} + 2 = {a}$", f"$\\boxed{{{a}}}$"])
    if R.random() < 0.2:
        form = form.replace(str(a), str(a + 3))
    add("relation", gold, f"{reasoning()} Solving, we find {form}.")
for _ in range(35):
    a, b = sorted(R.sample(range(-8, 15), 2))
    v = R.choice("xt")
    kind = R.randint(0, 5)
    if kind == 0:
        gold, pred = f"{v} \\le {b}", f"(-\\infty, {b}]"
    elif kind == 1:
        gold, pred = f"(-\\infty, {b}]", f"{v} \\le {b}"
    elif kind == 2:
        gold, pred = f"{a} < {v} \\le {b}", f"({a}, {b}]"
    elif kind == 3:
        gold, pred = f"[{a}, {b})", f"[{a}, {b})"
    elif kind == 4:
        gold, pred = f"(-\\infty, {a}) \\cup ({b}, \\infty)", f"(-\\infty,{a})\\cup({b},\\infty)"
    else:
        gold, pred = f"{v} > {a}", f"({a}, \\infty)"
    if R.random() < 0.25:
        pred = pred.replace("]", ")") if "]" in pred else pred.replace(str(a), str(a - 1))
    add("interval", gold, f"{reasoning()} So the solution set is ${pred}$.")

# 4. Matrices
for _ in range(30):
    n = R.choice([2, 2, 3])
    cols = R.choice([1, 2]) if n == 2 else 1
    cells = [[R.choice([str(R.randint(-5, 9)), frac(R.randint(1, 5), R.randint(2, 7)), f"\\sqrt{{{R.choice([2, 3, 5])}}}"])
              for _ in range(cols)] for _ in range(n)]
    def mat(env, c):
        return f"\\begin{{{env}}} " + " \\\\ ".join(" & ".join(r) for r in c) + f" \\end{{{env}}}"
    gold = mat("pmatrix", cells)
    pcells = [row[:] for row in cells]
    if R.random() < 0.3:
        pcells[0][0] = str(R.randint(10, 20))
    elif R.random() < 0.5:
        pcells = [[c.replace("\\frac{1}{2}", "0.5").replace("\\frac{1}{4}", "0.25") for c in row] for row in pcells]
    pred = mat(R.choice(["pmatrix", "bmatrix"]), pcells)
    add("matrix", gold, f"{reasoning()} Therefore $\\boxed{{{pred}}}$." if R.random() < 0.5 else f"{reasoning()} The matrix is ${pred}$.")

# 5. Long CoT with several candidate answers
for _ in range(30):
    ans = R.randint(2, 500)
    wrong = ans + R.choice([-3, 7, 11])
    gold = str(ans)
    t = R.choice([
        "Let me try: {w} seems right. Wait, that double counts. Recount: {a}. So the answer is {a}.",
        "First guess $\\boxed{{{w}}}$. Hmm, but case 2 is missing. Adding it gives {a}. **Final Answer** $\\boxed{{{a}}}$",
        "We get {w} then subtract 3 to get {a}. Answer: {a}",
        "Compute 12 * 4 = 48 and 48 + {w} = {s}. Therefore the final answer is {a}.",
        "I think it's {a}. Actually, checking again, it is {w}. The answer is {w}.",
        "<think>maybe {w}? no, {a}</think> The answer is $\\boxed{{{a}}}$.",
    ])
    add("cot", gold, t.format(w=wrong, a=ans, s=48 + wrong), style=R.choice(["math", "gsm8k", "amc"]))

# 6. Competition answers with text around them
for _ in range(30):
    ans = R.randint(1, 999)
    gold = R.choice([str(ans), f"{ans}.0"])
    t = R.choice([
        "The answer is {a}, i.e. the number of paths.", "The answer is {a}, e.g. by symmetry.",
        "So the answer is {a} (mod 1000).", "Hence the required number is {a} etc.",
        "The final answer is {a}. I hope it is correct.", "Final Answer: The final answer is ${a}$. I hope it is correct.",
        "Answer: {a} ways", "The answer is: {a} units.", "Therefore, $m+n = {a}$.", "So there are {a} such integers.",
        "**Answer:** {a}", "Thus we obtain $N={a}$ as required.",
    ])
    shown = ans if R.random() > 0.2 else ans + 1
    add("competition", gold, f"{reasoning()} " + t.format(a=shown), style=R.choice(["amc", "math", "olympiad"]))

# 7. \boxed variants
for _ in range(40):
    ans = R.randint(1, 99)
    other = ans + R.randint(1, 5)
    kind = R.randint(0, 7)
    gold = str(ans)
    if kind == 0:
        resp = f"So $\\fbox{{{ans}}}$."
    elif kind == 1:
        resp = f"So $\\boxed{{\\boxed{{{ans}}}}}$."
    elif kind == 2:
        resp = f"So $\\boxed{{{ans}}}$ and $\\boxed{{{other}}}$."
        gold = R.choice([str(ans), f"{ans}, {other}", f"\\{{{ans},{other}\\}}"])
    elif kind == 3:
        resp = f"First $\\boxed{{{other}}}$ was wrong. After fixing the sign error in the second step of the computation we finally get $\\boxed{{{ans}}}$."
    elif kind == 4:
        resp = f"Hence \\boxed{{{ans}}}"
    elif kind == 5:
        resp = f"The value is \\boxed{{\\frac{{{ans * 2}}}{{2}}}}."
    elif kind == 6:
        resp = f"So $x = \\boxed{{{ans}}}$."
    else:
        resp = f"\\boxed{{{ans}}}, \\boxed{{{other}}}"
        gold = R.choice([str(other), f"{ans},{other}"])
    add("boxed", gold, f"{reasoning()} {resp}")

# 8. Sentence ends, abbreviations, thousands separators, units
for _ in range(40):
    n = R.randint(1000, 999999)
    d = R.choice([Fraction(1, 2), Fraction(3, 4), Fraction(2, 5)])
    kind = R.randint(0, 6)
    if kind == 0:
        gold, resp = frac(d.numerator, d.denominator), f"The answer is {d.numerator}/{d.denominator}, i.e. {float(d):g}."
    elif kind == 1:
        gold, resp = str(n), f"The answer is {n:,}, e.g. as computed above."
    elif kind == 2:
        gold, resp = str(n), f"So the total is {n:,} dollars."
    elif kind == 3:
        gold, resp = str(n), f"There are {n:,} ways in total, etc."
    elif kind == 4:
        gold, resp = f"{n:,}", f"The answer is {n}."
    elif kind == 5:
        gold, resp = str(n % 97), f"It takes {n % 97} minutes."
    else:
        gold, resp = f"{n / 100:.2f}", f"The price is ${n / 100:,.2f}."
    add("sentence", gold, f"{reasoning(1)} {resp}", style=R.choice(["gsm8k", "math"]))

# 9. Expressions, sets, tuples, degrees
for _ in range(30):
    a, b = R.randint(1, 9), R.randint(2, 9)
    kind = R.randint(0, 6)
    if kind == 0:
        gold, pred = f"{a}\\sqrt{{{b}}}", f"\\sqrt{{{a * a * b}}}"
    elif kind == 1:
        gold, pred = f"\\{{{a}, {b}\\}}", f"{b}, {a}"
    elif kind == 2:
        gold, pred = f"({a}, {b})", f"({b}, {a})"
    elif kind == 3:
        gold, pred = f"{a * 10}^\\circ", f"{a * 10}"
    elif kind == 4:
        gold, pred = f"{a}x + {b}", f"{b} + {a}x"
    elif kind == 5:
        gold, pred = f"{a}\\pi", f"{a}\\cdot \\pi"
    else:
        gold, pred = f"{a}+{b}i", f"{b}i+{a}"
    add("expr", gold, f"{reasoning()} The answer is ${pred}$.")

# 10. Notation: number formats, math delimiters, percent, relations, matrix arithmetic,
# expressions, box/gold forms (hand-written pairs; golds may be whole solutions).
NOTATION = [
 # numbers
 ("3250000", "It comes to 3,250,000"), ("2000", "2 000"), ("2000", "2000.0"), ("2000.5", "2,000.5"),
 ("2000.25", "2000,25"), ("0.7", ".7"), ("1500.75", "$1,500.75"), ("1500.75", "1,500.75$"),
 ("1500.75", "it is not 12 but 1,500.75€"), ("250.5", "so it is 250.5m²"), ("3", "XQZ3B"),
 ("-7", "-7"), ("0,25", "0.25"),
 # latex notation
 ("$12$", "Answer \\[ 12 \\]"), ("$12$", "Answer $ 12 $"), ("$12$", "Answer $$ 12 $$"), ("$12$", "Answer \\( 12 \\)"),
 ("$12$", "Answer \\( (10+2) \\)"), ("$12$", "Answer $ \n 12 \n $"), ("$12$", "Answer \\[ \n 12 \n \\]"),
 ("$2/5$", "$\\frac25 $"), ("$1$", "$\\frac4{4} $"), ("$\\sqrt{5}$", "$\\sqrt5 $"), ("$2/5$", "$\\cfrac{2}{5} $"),
 ("$2/5$", "$\\left( \\frac{2}{5} \\right)$"), ("$2/5$", "$\\frac{2}{5} \\text{meters}$"), ("$2/5$", "$m = \\frac{2}{5}$"),
 ("$2/5$", "$ 2/5 $"), ("$7/3$", "Answer $ \\frac{1}{2} \\$ = \\frac{7}{3} $"),
 # percent
 ("$35\\%$", "35 percent"), ("$35\\%$", "35 pct"), ("$35\\%$", "35 %"), ("$35\\%$", "$35$ %"), ("$35\\%$", "$35$ percent"),
 ("$35\\%$", "$\\boxed{35}$ pct"), ("$35\\%$", "$\\boxed{35\\%}$"), ("$35\\%$", "$\\boxed{35 percent}$"),
 # relations
 ("$y >= 3$", "Therefore $y \\geq 3$ is the solution."), ("$y < 4$", "We find that $y \\lt 4$."),
 ("$y \\leq 1$", "Thus $y <= 1$ is our answer."), ("$y != 2$", "We find that $y \\neq 2$."),
 ("$y \\leq 6$", "$6 \\geq y$"), ("$y = 9$", "$y = 4+4+1 = 9$"), ("$9$", "$y=9$"), ("$9$", "$y\\approx9$"),
 ("$1/4$", "$y=1/4\\approx0.3$"), ("$y < 2$", "$-y > -2$"), ("$y <= 2$", "$-y >= -2$"),
 ("$2 = \\qqq = y = 0$", "$0$"), ("$z=2$", "$2$"), ("$2$", "$z=2$"), ("$w = 2 + 2 = 4$", "$w = 1+3 = 4$"),
 ("$3x+6y-9=0$", "$y=-\\frac{1}{2}x+\\frac{3}{2}$"), ("$x^2/9 + y^2/4 = 1$", "$x^2/36 + y^2/16 = 1/4$"),
 ("$12x+5y-7z+1=0$", "$-12x-5y+7z-1=0$"), ("$x - 3 = 0$", "$x = 3$"),
 # matrices
 ("$\\begin{pmatrix}2 & 0 \\\\ 0 & 2\\end{pmatrix}$", "The matrix is $ \\begin{pmatrix}2 & 0 \\\\ 0 & 2\\end{pmatrix} $."),
 ("$\\begin{bmatrix}1 & 1 \\\\1 & 1\\end{bmatrix}$", "Here: $ \\begin{pmatrix}1 & 1 \\\\1 & 1\\end{pmatrix} $"),
 ("$\\begin{pmatrix}5 & 6 \\\\7 & 8\\end{pmatrix}$", "So $ \\left[\\begin{array}{cc}5 & 6 \\\\7 & 8\\end{array}\\right] $"),
 ("$\\begin{pmatrix}4 & 4 \\\\ 4 & 4\\end{pmatrix}$", "The sum is $\\begin{pmatrix}1 & 1 \\\\ 1 & 1\\end{pmatrix} + \\begin{pmatrix}3 & 3 \\\\ 3 & 3\\end{pmatrix}$"),
 ("$\\begin{pmatrix}2 & 0 \\\\ 0 & 2\\end{pmatrix}$", "Product: $\\begin{pmatrix}1 & 0 \\\\ 0 & 1\\end{pmatrix} \\begin{pmatrix}2 & 0 \\\\ 0 & 2\\end{pmatrix}$"),
 ("$\\begin{pmatrix}-\\frac{3}{4}&-1\\\\2&\\frac{1}{3}\\\\\\end{pmatrix}$", "$\\begin{pmatrix}-\\frac{3}{4}&-1\\\\2&\\frac{1}{3}\\\\\\end{pmatrix}$"),
 # complex expressions
 ("$\\frac{1}{8}$", "$0.125$"), ("$(2,\\frac{7}{2})$", "$(2,3.5)$"), ("$\\frac{y+3}{5}$", "$\\frac{y}{5}+\\frac{3}{5}$"),
 ("$\\tan^2(t)+1$", "$\\sec^2(t)$"), ("$\\sin^2 x + \\cos^2 x$", "$1$"), ("$3$", "$\\frac{1+\\sqrt{5}}{2}$"),
 ("$(a+2)(b+3)$", "$(b+3)(a+2)$"), ("$x+3n+1$", "$x+1$"), ("$\\frac{\\sqrt{\\sqrt{7}+\\sqrt{13}}}{4+\\sqrt{3}}$", "$\\frac{\\sqrt{\\sqrt{7}+\\sqrt{13}}}{\\sqrt{3}+4}$"),
 ("$e^{2}$", "$\\exp(2)$"), ("$\\ln 8$", "$3\\ln 2$"), ("$2^{10}$", "$1024$"), ("$5!$", "$120$"), ("$\\binom{6}{2}$", "$15$"),
 # additional extraction
 ("\\(\\boxed{\\text{D}}\\).", "$\\boxed{\\text{(D)}}.$"), ("So the answer is: \\[ \\boxed{22222222200} \\]", "is $\\boxed{22,\\! 222,\\! 222,\\! 200}$"),
 ("So the answer is: \\[ \\boxed{45678} \\]", "is $\\boxed{45,\\! 678}$"), ("So the answer is: \\[ \\boxed{45678} \\]", "is $\\boxed{45, 678}$"),
 ("$\\text{B}$", "$B$"), ("$\\boxed{3}\\boxed{4}$", "$\\boxed{3,4}$"), ("$(4,2)$", "${2,4}$"), ("$(2,4)$", "${2,4}$"),
 ("$\\left( \\frac{5}{3}, -\\frac{2}{3} \\right)$", "So $\\overrightarrow{P} = \\boxed{\\left( \\frac{5}{3}, -\\frac{2}{3} \\right)}$"),
 ("$[-5,0]$", "Thus the values of \\( k \\) are: \\[ \\boxed{[-5, 0]} \\]"),
 ("$-3 \\le x \\le 8$", "$x \\in [-3,8]$"), ("$x \\in [-3,8]$", "$-3 \\le x \\le 8$"),
 ("Thus the domain is \\[ \\boxed{(3, 11) \\cup (11, 103)} \\]", "Thus, the answer is $x \\in \\boxed{(3,11) \\cup (11,103)}$"),
 ("$\\text{13}$", "$13$"), ("$5$", "$5\\sqrt{3}$"), ("$3\\sqrt{11}$", "so \\sqrt{99} = \\boxed{3\\sqrt{11}}."),
 ("$-3,2$", "the only integer roots are $\\boxed{-3,2}.$"), ("$1 \\pm \\sqrt{7}$", "so $x = \\boxed{1 \\pm \\sqrt{7}}.$"),
 ("$\\{2\\pm\\sqrt{3},-1\\}$", "the answer is $\\boxed{\\{2\\pm\\sqrt{3},-1\\}}.$"), ("$f(3) < f(2) < f(5)$", "Hence, $\\boxed{f(3) < f(2) < f(5)}.$"),
 ("$3 \\sin b \\cos a$", "\\[\\sin (a + b) = \\boxed{3 \\sin b \\cos a}.\\]"), ("$140$ miles", "The distance is $\\boxed{140\\textnormal{ miles}}.$"),
 ("$[-2, -\\frac{1}{3}) \\cup (-\\frac{1}{3}, 0) \\cup (0, 2)$", "The set is $\\boxed{[-2, -\\tfrac13) \\cup (-\\tfrac13, 0) \\cup (0, 2)}.$"),
 ("$\\sqrt{3}+\\sqrt{7}$", "The answer is $\\boxed{\\sqrt 3+\\sqrt 7}$"), ("$\\frac{7}{4}\\pi$", "Therefore $\\boxed{\\frac74\\pi}$."),
 ("x \\in \\boxed{\\{-2\\} \\cup [1,5)}.$", "x \\in \\boxed{\\{-2\\} \\cup [1,5)}.$"), ("$305_6$", "for a quotient of $\\boxed{305_6}$."),
 ("$(7,40,-2)$", "we find $(p,q,r) = \\boxed{(7,40,-2)}.$"), ("$95^\\circ$", "the angle is $\\boxed{95^\\circ}.$"),
 ("$18\\mbox{ cm}^2$", "the area is $$\\boxed{18\\mbox{ cm}^2}.$$"), ("$\\text{Zoe}$", "Therefore, $\\boxed{\\text{Zoe}}$ is our answer."),
 ("$(4, \\frac{\\pi}{3})$", "the polar coordinates are $\\boxed{\\left( 4, \\frac{\\pi}{3} \\right)}.$"),
 ("$41$", "Final Answer: The largest $n$ is 41."), ("$7$", "**Final Answer**\n\\boxed{7}\n</think>\nSo the area is \\(\\boxed{7}\\) square units."),
 ("$250$", "so 250=250.\n\nTherefore, answer is 250.\n\nWait, maybe not. Hmm, I think 250 is right."),
 ("$\\frac{2}{7}$", "The probability is (1/2) * (4/7) = 2/7"), ("$0.5$", "The answer is 1/2"), ("$\\frac{1}{2}$", "The answer is 0.5"),
]
for gold, resp in NOTATION:
    add("notation", gold, resp)

# 11. Lists, tuples, ratios and named answers (`(a,b)=(5,4)`, `PQ=6,RS=9`, `V_1:V_2=4:9`,
# several boxes in one display, list words).
LISTS = [
 (r"$(13,2,2,5),(5,2,2,3),(2,13,2,5)$", r"$\boxed{(2, 13, 2, 5), (5,2,2,3), (13, 2, 2, 5)}$"),
 (r"$(a,b)=(5,4)$", r"$(5,4)$"), (r"$(a,b,c)=(1,6,2)$", r"$(1,6,2)$"),
 (r"$(1;1;1),(1;-3;1),(2;1;1)$", r"\boxed{(2, 1, 1), (1, -3, 1), (1, 1, 1)}"),
 (r"$-5;-4;-2$", r"$\boxed{\{-5, -4, -2\}}$"), (r"$PQ=6,RS=9$", r"$\boxed{6, 9}$"),
 (r"$(3,8)or(8,3)$", r"$\boxed{(8,3),\ (3,8)}$"), (r"$S_{ABC}:S=5:18$", r"$\boxed{5:18}$"),
 (r"$\frac{AM}{MC}=\frac{2}{\sqrt{5}}$", r"$\frac{2}{\sqrt{5}}$"), (r"$V_{1}:V_{2}=4:9$", r"$4:9$"),
 (r"$(4,3),(3,4),(-2,-9),(-9,-2)$", "so the pairs are:\n\n\\[\n\\boxed{(3, 4)}, \\boxed{(4, 3)}, \\boxed{(-2, -9)}, \\boxed{(-9, -2)}\n\\]"),
 (r"\(\boxed{3}\) and \(\boxed{-4}\).", r"$\boxed{-4,3}$."), (r"$\text{even}$", r"$even$"),
 (r"\boxed{y = -2,\ q = \frac{9}{5}} ", r"$\boxed{-2, \frac{9}{5}}$"), (r"\boxed{b=6,\,-3,\,-11}", r"$\boxed{-11,-3,6}$"),
 (r"\n\n\[ \boxed{q = -2 \text{ and } q = \dfrac{7}{3}} \]", r"$q=-2,q=\frac{7}{3}$"),
 ("$m=2, 4, 6$", "$m=2, 4, 6$"), ("$m=2, 4, 6$", "$m=1, 4, 6$"), ("$E = (2, 3)$", "$E = (2, 3)$"), ("$E = (2, 3)$", "$E = (2, 3.5)$"),
 ("$23, 51, and 90$", "$23, 51, \\text{ and } 90$"), ("$23, 51, and 90$", "$23, 50, and 90$"),
 ("$\\pm 1999$", "$1999$"), ("$\\pm 1999$", "${-1999, 1999}$"), ("$11:30$", "$1:30$"), ("$11:30$", "$11:30$"),
 (r"$\text{odd}$", r"The function is $\boxed{\text{odd}}$."), (r"$3$", r"$\boxed{003}$"), (r"$840$", r"SoHi YES. therefore\boxed{840}.,but later.\n\n**Final Answer**\n\boxed{840}"),
 (r"$\frac{\sqrt{3}}{3}$", r"$\boxed{\frac{1}{\sqrt{3}}}$"), (r"$2\sqrt{2}$", r"The side is $\sqrt{8}$ cm."), (r"$60^\circ$", r"$\boxed{60}$"),
 (r"$x=3$", r"The solution is $\boxed{3}$"), (r"$\{1,2,3\}$", r"$\boxed{1,2,3}$"), (r"$[1,3]$", r"$\boxed{[1,3]}$"),
]
for gold, resp in LISTS:
    add("lists", gold, resp)


def octorepl_differs(c):
    """Documented places where octorepl deliberately differs from Math-Verify (Docs/Grading.md)."""
    g, r = c["gold"], c["response"]
    if c["cat"] in ("interval", "notation") and ("\\in [" in g or g[:1] in "([") and ("\\le" in r or "<" in r or ">" in r):
        return "an inequality answers an interval gold"
    if "answer is" in r and "\\%." in r and "$" not in r:
        return "a plain-text number followed by \\% is a percent"
    return None


def label(c):
    g = c["gold"].strip()
    gold_text = g if (g.startswith("$") and g.endswith("$")) else f"${g}$"
    gp = parse(gold_text)
    pp = parse(c["response"])
    c["expected"] = bool(verify(gp, pp))
    c["mv_pred"] = str(pp)
    c["mv_gold"] = str(gp)
    reason = octorepl_differs(c)
    c["octorepl_differs"] = reason
    c["intended"] = (not c["expected"]) if reason else c["expected"]
    return c


for i, c in enumerate(CASES):
    c = label(c)
    out = {"id": f"beh-{i:04d}", **c}
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
