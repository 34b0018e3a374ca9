"""Plain-language definitions of common real-estate terms (our own wording, no statute text).

Where a term rests on a statute, the answer also cites the article found by the law search.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    name: str
    aliases: tuple[str, ...]
    definition: str
    law_hint: str | None = None  # a query for the statute search
    english: str = ""  # the definition for a question asked in English


TERMS: tuple[Term, ...] = (
    Term(
        "LTV",
        ("ltv", "주택담보인정비율", "담보인정비율"),
        "주택담보인정비율. 집값(담보가치) 대비 빌릴 수 있는 주택담보대출의 최대 비율입니다. "
        "예를 들어 LTV 70%면 6억 원 주택에 최대 4억 2천만 원까지 담보대출이 가능합니다(다른 규제가 없을 때).",
        english=(
            "Loan-to-value ratio: the largest share of a home's value a mortgage may cover. With an LTV of "
            "70%, a 6억원 home can carry a mortgage of up to 4억 2,000만원 (when no other rule is tighter)."
        ),
    ),
    Term(
        "DSR",
        ("dsr", "총부채원리금상환비율", "debt service ratio"),
        "총부채원리금상환비율. 연 소득 대비 모든 대출의 1년 원리금 상환액 비율입니다. "
        "은행권 DSR 40% 규제라면 연봉 8천만 원인 사람의 연간 원리금 합계가 3,200만 원을 넘을 수 없습니다.",
        english=(
            "Debt service ratio: the yearly principal and interest of all a borrower's loans divided by their"
            " annual income. Under the banks' 40% DSR rule, someone earning 8,000만원 a year may pay at most "
            "3,200만원 a year on all loans."
        ),
    ),
    Term(
        "DTI",
        ("dti", "총부채상환비율", "debt to income"),
        "총부채상환비율. 연 소득 대비 주택담보대출 원리금과 기타 대출 이자의 연간 상환액 비율입니다.",
        english=(
            "Debt-to-income ratio: the yearly repayments of the mortgage plus the interest on other loans, "
            "divided by annual income."
        ),
    ),
    Term(
        "전세",
        ("jeonse", "전세금"),
        "큰 금액의 보증금을 맡기고 월세 없이 집을 빌리는 한국 고유의 임대 방식입니다. "
        "계약이 끝나면 보증금 전액을 돌려받습니다.",
        "주택임대차 보증금",
        english=(
            "Jeonse: a Korean way of renting in which the tenant leaves a large lump-sum deposit and pays no "
            "monthly rent; the whole deposit is returned when the lease ends."
        ),
    ),
    Term(
        "월세",
        ("monthly rent", "wolse"),
        "보증금과 함께 매달 차임(월세)을 내고 집을 빌리는 방식입니다.",
        "차임 증감청구",
        english="Wolse: renting with a deposit plus a monthly rent.",
    ),
    Term(
        "반전세",
        ("준전세", "half jeonse", "semi jeonse", "ban-jeonse", "banjeonse"),
        "전세보증금 일부를 월세로 돌린 형태로, 보증금이 비교적 크고 월세가 작은 계약입니다.",
        english=(
            "Ban-jeonse (semi-jeonse): part of a jeonse deposit turned into monthly rent, so the deposit is "
            "still large and the monthly rent small."
        ),
    ),
    Term(
        "전용면적",
        ("전용", "exclusive area", "net area", "private area"),
        "현관문 안쪽, 세대가 단독으로 쓰는 면적입니다. 실거래가 자료의 면적은 전용면적(㎡)이며 "
        "흔히 말하는 '84㎡(34평형)'은 전용 84㎡를 뜻합니다.",
        english=(
            "Exclusive (net) area: the floor area inside the front door that only the household uses. The "
            "areas in the transaction data are exclusive areas in ㎡; the common '84㎡ (34평형)' means an "
            "exclusive 84㎡."
        ),
    ),
    Term(
        "공급면적",
        ("분양면적", "supply area"),
        "전용면적에 계단·복도 등 주거공용면적을 더한 면적입니다. '평형'은 보통 공급면적 기준입니다.",
        english=(
            "Supply area: the exclusive area plus the shared residential area such as stairs and corridors; "
            "'평형' sizes are usually quoted on this basis."
        ),
    ),
    Term(
        "확정일자",
        ("확정 일자", "fixed date", "confirmed date", "fixed-date"),
        "임대차계약서에 공적으로 날짜를 찍어 주는 것으로, 대항요건과 함께 갖추면 경매·공매 때 "
        "보증금을 후순위 권리자보다 먼저 돌려받을 수 있는 우선변제권이 생깁니다.",
        "확정일자 우선변제",
        english=(
            "Fixed date (확정일자): an official date stamp on the lease contract. Together with the opposability "
            "requirements it gives the tenant priority repayment: in an auction or public sale the deposit is"
            " paid before junior right holders."
        ),
    ),
    Term(
        "대항력",
        ("대항요건", "opposability", "right to assert", "perfection"),
        "집이 팔리거나 경매되어도 새 소유자에게 임차권을 주장할 수 있는 힘입니다. "
        "주택 인도(입주)와 주민등록(전입신고)을 마친 다음 날부터 생깁니다.",
        "대항력 주민등록 인도",
        english=(
            "Opposability (대항력): the tenant's power to assert the lease against a new owner after a sale or "
            "auction. It starts the day after the tenant has moved in and registered the move-in (전입신고)."
        ),
    ),
    Term(
        "우선변제권",
        ("우선 변제권", "priority repayment", "preferential repayment"),
        "경매·공매 때 보증금을 후순위 권리자보다 먼저 배당받을 권리입니다. 대항요건과 확정일자가 필요합니다.",
        "보증금의 회수 우선변제",
        english=(
            "Priority repayment right: the right to be paid the deposit before junior right holders in an "
            "auction or public sale; it needs the opposability requirements and a fixed date."
        ),
    ),
    Term(
        "최우선변제권",
        ("소액임차인", "최우선 변제", "top priority repayment", "small-sum tenant", "small deposit tenant"),
        "소액임차인이 보증금 중 일정액을 다른 담보권자보다도 먼저 돌려받을 수 있는 권리입니다.",
        "보증금 중 일정액의 보호",
        english=(
            "Top-priority repayment: a small-deposit tenant's right to get a set part of the deposit back "
            "even before other secured creditors."
        ),
    ),
    Term(
        "계약갱신요구권",
        (
            "갱신요구권",
            "계약갱신청구권",
            "갱신청구권",
            "renewal request",
            "right to request renewal",
            "renewal right",
        ),
        "임차인이 임대차 기간 끝나기 6개월 전부터 2개월 전까지 계약 갱신을 요구할 수 있는 권리로, "
        "1회에 한해 행사할 수 있고 갱신되면 임대차 기간은 2년으로 봅니다.",
        "계약갱신 요구",
        english=(
            "Right to request renewal: between 6 and 2 months before the lease ends the tenant may ask to "
            "renew; it can be used once, and the renewed lease counts as 2 years."
        ),
    ),
    Term(
        "임차권등기명령",
        (
            "임차권 등기명령",
            "leasehold registration order",
            "lease registration order",
            "tenancy registration order",
        ),
        "계약이 끝났는데 보증금을 돌려받지 못한 임차인이 법원에 신청해 임차권을 등기하는 제도로, "
        "이사를 가더라도 대항력과 우선변제권을 유지할 수 있습니다.",
        "임차권등기명령",
        english=(
            "Leasehold registration order: a court order a tenant whose deposit was not returned at the end "
            "of the lease can apply for; it registers the lease, so the tenant keeps opposability and "
            "priority repayment after moving out."
        ),
    ),
    Term(
        "전월세전환율",
        ("전환율", "월차임 전환", "conversion rate"),
        "보증금을 월세로 바꿀 때 적용하는 연 이율입니다. 법으로 상한이 정해져 있습니다.",
        "월차임 전환 시 산정률의 제한",
        english=(
            "Deposit-to-rent conversion rate: the yearly rate used when part of a deposit is turned into "
            "monthly rent; the law sets a ceiling on it."
        ),
    ),
    Term(
        "중개보수",
        ("복비", "중개수수료", "brokerage fee", "agent fee", "broker fee", "commission"),
        "공인중개사에게 내는 수수료입니다. 상한 요율은 거래금액 구간별로 정해져 있습니다 "
        "(요율표는 시행규칙 별표에 있어 이 자료에는 본문이 없습니다).",
        "중개보수",
        english=(
            "Brokerage fee: the fee paid to a licensed real-estate agent. The maximum rates are set by price "
            "band in an annex of the enforcement rule, whose table this service does not hold."
        ),
    ),
    Term(
        "등기부등본",
        ("등기사항증명서", "등기부", "property register", "registry", "certificate of registered matters"),
        "부동산의 소유자와 근저당·압류 같은 권리관계를 보여 주는 공적 장부입니다. 계약 전 반드시 확인합니다.",
        english=(
            "Property register (등기부등본): the public record showing a property's owner and rights over it such "
            "as mortgages and seizures; check it before signing."
        ),
    ),
    Term(
        "근저당",
        ("근저당권", "collateral security", "mortgage lien", "keun-mortgage"),
        "대출 담보로 설정된 권리입니다. 선순위 근저당이 크면 경매 때 보증금을 돌려받지 못할 위험이 커집니다.",
        english=(
            "Collateral mortgage (근저당): a right set up as security for a loan. A large senior mortgage raises"
            " the risk that a tenant's deposit is not repaid in an auction."
        ),
    ),
    Term(
        "전세가율",
        ("전세가 비율", "jeonse ratio", "jeonse-to-price", "jeonse to price"),
        "매매가격 대비 전세가격의 비율입니다. 이 비율이 너무 높으면 이른바 깡통전세 위험이 커집니다.",
        english=(
            "Jeonse ratio: the jeonse deposit as a share of the sale price. When it is very high, the risk of"
            " a so-called 'empty-can' jeonse grows."
        ),
    ),
    Term(
        "깡통전세",
        ("깡통 전세", "empty can jeonse", "empty-can jeonse", "kkangtong", "underwater jeonse"),
        "대출과 보증금을 합한 금액이 집값에 가깝거나 넘어서, 집을 팔아도 보증금을 돌려받기 어려운 전세입니다.",
        english=(
            "'Empty-can' jeonse (깡통전세): a jeonse where loans plus the deposit come close to or exceed the "
            "home's value, so even selling the home may not return the deposit."
        ),
    ),
    Term(
        "실거래가",
        ("실거래 가격", "실거래", "actual transaction price", "real transaction price"),
        "실제로 신고된 거래 가격입니다. 이 서비스의 가격 자료는 국토교통부 실거래가 공개 자료입니다.",
        english=(
            "Actual transaction price: the price reported for a real deal. This service's prices come from "
            "the Ministry of Land (MOLIT) actual-transaction data."
        ),
    ),
)


def find_term(text: str) -> Term | None:
    """The first glossary term named in the text (longest alias wins)."""
    lowered = text.lower().replace(" ", "")
    best: tuple[int, Term] | None = None
    for term in TERMS:
        for alias in (term.name, *term.aliases):
            key = alias.lower().replace(" ", "")
            if key in lowered and (best is None or len(key) > best[0]):
                best = (len(key), term)
    return best[1] if best else None
