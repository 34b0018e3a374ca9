"""Housing-lease issues: 주택임대차보호법, its 시행령 and the 확정일자 규칙 (법무부령).

Each answer restates only what the quoted 항/호 say, in plain Korean, and cites them at the end;
the test in tests/unit/test_legal_issues.py checks every number against the quoted text.
"""

from __future__ import annotations

from agents.tools.legal_issues.types import ArticleRef, LegalIssue

ACT = "주택임대차보호법"
DECREE = "주택임대차보호법시행령"
RULE = "주택임대차계약증서상의확정일자부여및임대차정보제공에관한규칙"
# How the 법무부령 is cited in answers (its own name, with spaces).
RULE_NAME = "주택임대차계약증서상의 확정일자 부여 및 임대차 정보제공에 관한 규칙"


def _article(label: str) -> tuple[int, int]:
    """ "6의3" → (6, 3): article labels read the way the statute writes them (제6조의3)."""
    number, _, sub = label.partition("의")
    return int(number), int(sub or 0)


def act(label: str, *clauses: int, items: tuple[int, ...] = ()) -> ArticleRef:
    """A 주택임대차보호법 article, e.g. act("3의3", 1, 2) = 제3조의3 ①·②."""
    number, sub = _article(label)
    return ArticleRef(ACT, number, sub, clauses, items)


def decree(label: str, *clauses: int, items: tuple[int, ...] = ()) -> ArticleRef:
    """A 주택임대차보호법 시행령 article."""
    number, sub = _article(label)
    return ArticleRef(DECREE, number, sub, clauses, items)


def rule(label: str, *clauses: int, items: tuple[int, ...] = ()) -> ArticleRef:
    """An article of the 확정일자 부여 및 임대차 정보제공 규칙 (법무부령)."""
    number, sub = _article(label)
    return ArticleRef(RULE, number, sub, clauses, items)


def civil(label: str, *clauses: int) -> ArticleRef:
    """A 민법 article, for the rules this Act applies mutatis mutandis."""
    number, sub = _article(label)
    return ArticleRef("민법", number, sub, clauses)


# --- Scope and general rules ------------------------------------------------------------------------

_SCOPE: tuple[LegalIssue, ...] = (
    LegalIssue(
        key="housing_act_scope",
        title="주택임대차보호법 적용 범위",
        cues=(
            "상가주택 2층 세입자 주택임대차보호법 적용",
            "1층 가게 2층 집 세입자 보호",
            "가게 위층 살림집 세입자",
            "does the housing lease act apply if i live above a shop",
            "mixed-use building apartment upstairs protection",
            "주택임대차보호법 적용",
            "임대차보호법 적용 대상",
            "원룸도 보호받",
            "가게 딸린 집",
            "점포 겸 주택",
            "일부만 빌려도",
            "방 한 칸 세",
            "주거용 건물",
            "does the housing lease act apply",
            "housing lease protection act scope",
        ),
        answer=(
            "주거용 건물의 전부나 일부를 빌린 경우에 이 법이 적용되고, 빌린 집의 일부를 주거 외 "
            "목적으로 쓰는 경우에도 마찬가지예요 (주택임대차보호법 제2조)."
        ),
        answer_en=(
            "The Act applies to a lease of all or part of a residential building, and still applies "
            "when part of the leased home is used for non-residential purposes (주택임대차보호법 제2조)."
        ),
        refs=(act("2"),),
    ),
    LegalIssue(
        key="housing_temporary_use",
        title="일시사용 임대차",
        cues=(
            "한달살기",
            "단기 임대",
            "단기로 잠깐",
            "몇 달만 살",
            "두 달만 빌린 집",
            "석 달만 빌린 집",
            "공사하는 동안 잠깐 빌린 집",
            "리모델링하는 동안 사는 집",
            "일시사용",
            "잠깐 쓰는 집",
            "잠깐 빌린 집도 임대차보호법 적용",
            "며칠만 묵는 숙소",
            "short-term rental",
            "temporary stay",
            "does the act apply to a short stay",
            "renting for a few months only",
            "furnished place for a couple of months",
            "staying while my apartment is renovated",
            "short lease while renovating",
            "monthly stay furnished",
        ),
        answer=(
            "일시적으로 쓰기 위한 임대차임이 명백하면 주택임대차보호법이 적용되지 않아요 "
            "(주택임대차보호법 제11조)."
        ),
        answer_en=(
            "The Act does not apply where the lease is clearly for temporary use (주택임대차보호법 제11조)."
        ),
        refs=(act("11"),),
    ),
    LegalIssue(
        key="housing_unregistered_jeonse",
        title="미등기 전세",
        cues=(
            "전세권 설정 안 했는데",
            "전세 등기 안 함",
            "전세권 등기 없이",
            "미등기 전세",
            "전세도 보호받",
            "전세금도 보증금",
            "unregistered jeonse",
            "jeonse without registration",
        ),
        answer=(
            "등기하지 않은 전세계약에도 이 법이 준용되고, 이때 전세금은 임대차의 보증금으로 봐요 "
            "(주택임대차보호법 제12조)."
        ),
        answer_en=(
            "The Act applies mutatis mutandis to a jeonse contract not registered on the house, with the "
            "jeonse money treated as the lease deposit (주택임대차보호법 제12조)."
        ),
        refs=(act("12"),),
    ),
    LegalIssue(
        key="housing_mandatory_rules",
        title="강행규정 (세입자에게 불리한 약정은 무효)",
        cues=(
            "불리한 특약",
            "특약 무효",
            "계약서에 갱신 안 한다고 썼",
            "갱신요구권 포기 특약",
            "집주인에게 유리한 조항",
            "계약서에 도장 찍었는데 불리",
            "강행규정",
            "불리한 약정",
            "unfair clause",
            "clause against tenant void",
            "권리 포기 특약",
            "waive a right in the lease",
            "is the clause enforceable",
        ),
        answer=(
            "주택임대차보호법을 위반한 약정으로서 세입자에게 불리한 것은 효력이 없어요 "
            "(주택임대차보호법 제10조)."
        ),
        answer_en=(
            "Any agreement that violates the Act and is unfavourable to the tenant has no effect "
            "(주택임대차보호법 제10조)."
        ),
        refs=(act("10"),),
    ),
    LegalIssue(
        key="housing_standard_contract",
        title="주택임대차표준계약서",
        cues=(
            "표준계약서",
            "계약서 양식",
            "전세 계약서 서식",
            "월세 계약서 양식",
            "어떤 계약서 써야",
            "표준계약서 꼭 써야",
            "표준계약서 말고 다른 양식",
            "중개사무소 자체 양식 계약서",
            "standard lease contract",
            "must we use the standard contract",
            "lease contract form",
        ),
        answer=(
            "주택임대차계약을 서면으로 맺을 때는 법무부장관이 국토교통부장관과 협의해 정한 "
            "주택임대차표준계약서를 우선 사용하고, 당사자가 다른 서식을 쓰기로 합의하면 그 서식을 "
            "써도 돼요 (주택임대차보호법 제30조)."
        ),
        answer_en=(
            "A written housing lease should first use the standard lease contract the Minister of Justice "
            "sets in consultation with the Minister of Land, Infrastructure and Transport, unless the "
            "parties agree on another form "
            "(주택임대차보호법 제30조)."
        ),
        refs=(act("30"),),
    ),
)

# --- 대항력: 전입·인도, 집주인 변경, 법인 임차 ---------------------------------------------------------

_OPPOSABILITY: tuple[LegalIssue, ...] = (
    LegalIssue(
        key="housing_opposability",
        title="대항력 (입주 + 전입신고, 다음 날부터)",
        cues=(
            "대항력 언제 생겨",
            "전입신고 언제",
            "전입신고 다음날",
            "이사하고 전입신고",
            "전입신고 안 하면",
            "입주 전입 대항력",
            "대항력",
            "대항력 내일부터",
            "전입한 날 바로 대항력",
            "주민등록 인도",
            "move-in registration",
            "when am i protected",
            "opposability",
            "전입했는데 언제부터 보호받",
            "이사 당일 집주인이 대출",
            "landlord takes out a loan the day I move in",
        ),
        answer=(
            "세입자가 집을 넘겨받고(입주) 주민등록을 마치면 등기가 없어도 그 다음 날부터 제삼자에게 "
            "임대차를 주장할 수 있고, 전입신고를 한 때 주민등록이 된 것으로 봐요 "
            "(주택임대차보호법 제3조 ①)."
        ),
        answer_en=(
            "Once the tenant has taken delivery of the home and completed resident registration, the "
            "lease is effective against third parties from the next day even without registration; "
            "registration counts as done when the move-in report is filed (주택임대차보호법 제3조 ①)."
        ),
        refs=(act("3", 1),),
        next_steps=(("확정일자까지 받아 우선변제권 갖추기", act("3의2", 2)),),
    ),
    LegalIssue(
        key="housing_new_owner",
        title="집주인이 바뀐 경우 (양수인의 임대인 지위 승계)",
        cues=(
            "집주인이 사망했는데 계약은",
            "landlord passed away what happens to my lease",
            "집주인이 바뀌",
            "집이 팔렸",
            "집주인이 돌아가셨는데 보증금은 누구한테",
            "집주인 사망 상속인한테 보증금",
            "my landlord died who returns my deposit",
            "새 집주인",
            "매매됐는데 보증금",
            "주인 바뀌면 계약",
            "새 주인이 나가래",
            "보증금은 누구한테 받",
            "양수인",
            "임대인 지위 승계",
            "landlord sold the house",
            "new owner deposit",
        ),
        answer=(
            "세 든 집을 넘겨받은 새 주인(양수인, 그 밖에 임대할 권리를 이어받은 사람 포함)은 임대인의 지위를 이어받은 "
            "것으로 봐요 (주택임대차보호법 제3조 ④)."
        ),
        answer_en=(
            "Whoever acquires the leased home (or otherwise succeeds to the right to lease it) is deemed "
            "to have succeeded to the landlord's position (주택임대차보호법 제3조 ④)."
        ),
        refs=(act("3", 4), act("3", 1)),
    ),
    LegalIssue(
        key="housing_buyer_unaware_of_tenant",
        title="세입자 있는 줄 모르고 집을 산 경우",
        cues=(
            "세입자 있는 줄 몰랐",
            "집 샀는데 세입자가 있",
            "매수했는데 세입자가 안 나가",
            "세입자 낀 집 매매 해제",
            "임차인 있는 집 샀",
            "bought a house with a tenant",
        ),
        answer=(
            "이 법의 보호를 받는 임대차가 있는 집을 그 사실을 모르고 산 매수인은, 그 때문에 계약 목적을 "
            "이룰 수 없을 때만 계약을 해제할 수 있고 그 밖에는 손해배상만 청구할 수 있으며, 이 권리는 "
            "안 날부터 1년 안에 행사해야 해요 (주택임대차보호법 제3조 ⑤, 민법 제575조 ①·③)."
        ),
        answer_en=(
            "A buyer who did not know of a lease protected by this Act may rescind only when the purpose "
            "of the purchase cannot be achieved, and otherwise claim damages only, within 1 year of "
            "learning of it (주택임대차보호법 제3조 ⑤, 민법 제575조 ①·③)."
        ),
        refs=(act("3", 5), civil("575", 1, 3)),
    ),
    LegalIssue(
        key="housing_jeonse_lease_corporation",
        title="전세임대 법인(LH 등)의 대항력",
        cues=(
            "LH 전세임대",
            "전세임대주택",
            "법인 명의 전세",
            "지방공사 전세임대",
            "lh가 계약한 집",
            "전세임대 대항력",
            "public jeonse lease lh",
        ),
        answer=(
            "주택도시기금으로 저소득층 무주택자에게 전세임대주택을 지원하는 법인이 집을 빌리고, "
            "지방자치단체장이나 그 법인이 고른 입주자가 입주해 주민등록을 마치면 대항력이 생기며, 이런 "
            "법인은 한국토지주택공사와 주택사업 목적의 지방공사예요 "
            "(주택임대차보호법 제3조 ②, 같은 법 시행령 제2조)."
        ),
        answer_en=(
            "When a corporation supporting jeonse rental housing for low-income households leases a home "
            "and the occupant it or the local government chose moves in and registers, the lease gains "
            "opposability; such corporations are Korea Land and Housing Corporation and local housing "
            "corporations (주택임대차보호법 제3조 ②, 같은 법 시행령 제2조)."
        ),
        refs=(act("3", 2), decree("2")),
    ),
    LegalIssue(
        key="housing_sme_corporate_lease",
        title="중소기업 법인 직원 숙소의 대항력",
        cues=(
            "회사 명의 전세",
            "법인 명의 사택",
            "중소기업 사택",
            "직원 숙소 전세",
            "회사가 계약한 집",
            "직원 바뀌면 대항력",
            "company leased apartment for employee",
        ),
        answer=(
            "중소기업 법인이 직원 숙소로 집을 빌린 뒤 법인이 고른 직원이 입주하고 주민등록을 마치면 "
            "대항력이 생기고, 계약 중 직원이 바뀌면 새 직원이 입주·주민등록을 마친 다음 날부터 효력이 "
            "생겨요 (주택임대차보호법 제3조 ③)."
        ),
        answer_en=(
            "When a small or medium enterprise leases a home for staff and the employee it chose moves in "
            "and registers, the lease gains opposability; if the employee changes, it runs from the day "
            "after the new employee moves in and registers (주택임대차보호법 제3조 ③)."
        ),
        refs=(act("3", 3),),
    ),
)

# --- 우선변제권, 경매, 보증금 회수 ---------------------------------------------------------------------

_PRIORITY: tuple[LegalIssue, ...] = (
    LegalIssue(
        key="housing_priority_repayment",
        title="우선변제권 (대항요건 + 확정일자)",
        cues=(
            "확정일자 왜 받아",
            "확정일자 받으면",
            "확정일자 안 받았는데",
            "전입신고만 하고 확정일자",
            # whether the fixed date is needed at all beside the move-in report
            "확정일자 꼭 필요해",
            "전입신고만 하면 되는 거 아니",
            "전입신고랑 확정일자 차이",
            "우선변제권",
            "경매 넘어가면 보증금",
            "집이 경매에 넘어가",
            "공매",
            "보증금 순위",
            "배당 먼저 받",
            "근저당보다 먼저",
            "priority repayment",
            "house goes to auction deposit",
            # the auction told in English: who is paid first from the sale
            "deposit back ahead of other creditors",
            "paid before the bank at auction",
            "priority over creditors at auction",
            "who gets paid first when the house is auctioned",
            "do I need a fixed date or is the move-in report enough",
        ),
        answer=(
            "입주·주민등록(대항요건)을 갖추고 계약서에 확정일자까지 받은 세입자는 집이 경매나 공매될 때 "
            "그 매각대금(대지 포함)에서 후순위권리자나 다른 채권자보다 먼저 보증금을 받을 권리가 있어요 "
            "(주택임대차보호법 제3조의2 ②)."
        ),
        answer_en=(
            "A tenant with opposability requirements and a fixed date on the lease contract may be paid "
            "the deposit from the auction or public sale proceeds (land included) ahead of junior right "
            "holders and other creditors (주택임대차보호법 제3조의2 ②)."
        ),
        refs=(act("3의2", 2), act("3", 1)),
        next_steps=(("확정일자 받기 (주민센터·등기소 등)", act("3의6", 1)),),
    ),
    LegalIssue(
        key="housing_handover_before_payout",
        title="경매 배당금 받으려면 집을 넘겨야",
        cues=(
            "배당금 받으려면 이사",
            "경매 배당 집 비워",
            "낙찰자에게 집 넘겨",
            "배당 받기 전에 나가야",
            "집 안 비우면 배당",
            "must i move out to get paid",
            "hand the home over before I receive my deposit",
            "give up the apartment before the auction payout",
        ),
        answer=(
            "세입자는 집을 양수인에게 넘겨주지 않으면 우선변제권에 따른 보증금을 받을 수 없어요 "
            "(주택임대차보호법 제3조의2 ③)."
        ),
        answer_en=(
            "The tenant cannot receive the deposit under the priority right without handing the home "
            "over to the transferee (주택임대차보호법 제3조의2 ③)."
        ),
        refs=(act("3의2", 3),),
    ),
    LegalIssue(
        key="housing_auction_by_tenant",
        title="판결 받은 세입자의 경매 신청",
        cues=(
            "보증금 소송 이겼는데",
            "판결 받았는데 경매",
            "집 안 비우고 경매 신청",
            "세입자가 경매 신청",
            "강제경매",
            "집행권원",
            "won the deposit lawsuit",
            "force auction for deposit",
        ),
        answer=(
            "세입자가 보증금반환 소송의 확정판결 등 집행권원으로 그 집에 경매를 신청할 때는 반대의무를 "
            "먼저 이행하거나 그 이행을 제공하지 않아도 경매를 시작할 수 있어요 "
            "(주택임대차보호법 제3조의2 ①)."
        ),
        answer_en=(
            "A tenant applying for auction of the home on a final judgment for the deposit (or a similar "
            "title of execution) need not first perform or tender their own counter-obligation "
            "(주택임대차보호법 제3조의2 ①)."
        ),
        refs=(act("3의2", 1),),
    ),
    LegalIssue(
        key="housing_priority_objection",
        title="우선변제 순위·보증금에 대한 이의",
        cues=(
            "배당 이의",
            "배당순위 이의",
            "보증금 배당 이상",
            "공매 배분 이의",
            "체납처분청 이의",
            "objection to distribution",
        ),
        answer=(
            "우선변제 순위나 보증금에 이의가 있는 이해관계인은 경매법원이나 체납처분청에 이의를 신청할 수 "
            "있고, 체납처분청에 낸 경우 이의신청일부터 7일 이내에 소송을 낸 것을 증명하면 소송이 끝날 "
            "때까지 그 범위의 보증금 지급이 유보돼요 (주택임대차보호법 제3조의2 ④·⑥)."
        ),
        answer_en=(
            "An interested party disputing the priority or the deposit may object to the auction court or "
            "the tax collection office; there, proof of a lawsuit filed within 7 days holds back that "
            "part of the deposit until the suit ends (주택임대차보호법 제3조의2 ④·⑥)."
        ),
        refs=(act("3의2", 4, 6),),
    ),
    LegalIssue(
        key="housing_lender_priority_succession",
        title="금융기관의 우선변제권 승계 (보증금반환채권 양수)",
        cues=(
            "전세대출 은행 우선변제",
            "hug 보증금 채권 양도",
            "주택도시보증공사 대위",
            "전세보증보험 우선변제",
            "은행이 보증금 채권",
            "보증금반환채권 양도",
            "lender takes over deposit claim",
        ),
        answer=(
            "은행·한국주택금융공사·주택도시보증공사 등 정해진 금융기관이 세입자의 보증금반환채권을 "
            "계약으로 넘겨받으면 그 금액 범위에서 우선변제권도 이어받지만, 세입자가 대항요건을 잃거나 "
            "임차권등기·임대차등기가 말소되면 행사할 수 없고 세입자를 대신해 계약을 해지할 수도 없어요 "
            "(주택임대차보호법 제3조의2 ⑦·⑧·⑨)."
        ),
        answer_en=(
            "Listed lenders such as banks, the Korea Housing Finance Corporation and HUG that take an "
            "assignment of the deposit claim succeed to the priority right for that amount, but lose it "
            "if the tenant loses opposability or the lease registration is cancelled, and cannot "
            "terminate the lease for the tenant (주택임대차보호법 제3조의2 ⑦·⑧·⑨)."
        ),
        refs=(act("3의2", 7, 8, 9),),
    ),
    LegalIssue(
        key="housing_auction_extinguishes_lease",
        title="경매로 임차권이 소멸하는지",
        cues=(
            "경매로 낙찰되면 나가야",
            "낙찰자가 나가래",
            "경매 후 계속 살 수",
            "낙찰되면 보증금",
            "경락",
            "임차권 소멸",
            "경매 넘어가면 전세계약 끝나",
            "경매되면 임대차 끝나는지",
            "경매로 계약 소멸",
            "auction winner wants me out",
            "does an auction end my lease",
            "배당에서 보증금 일부밖에 못 받았는데 나가래",
            "보증금 다 못 받았는데 낙찰자가 나가라",
            "근저당보다 먼저 전입했는데 낙찰자",
            "auction buyer says leave but my deposit was not fully repaid",
            "낙찰받은 사람이 집 비우라",
            "배당으로 보증금 일부만 받았는데 버틸 수",
            "new owner from the auction wants me out",
            "only got part of my deposit from the auction",
        ),
        answer=(
            "집이 경매로 낙찰(경락)되면 임차권은 소멸하지만, 대항력이 있고 보증금을 모두 돌려받지 못한 "
            "임차권은 소멸하지 않아요 (주택임대차보호법 제3조의5)."
        ),
        answer_en=(
            "A lease ends when the home is sold at auction, except a lease with opposability whose "
            "deposit has not been fully repaid (주택임대차보호법 제3조의5)."
        ),
        refs=(act("3의5"),),
    ),
    LegalIssue(
        key="housing_deposit_lawsuit",
        title="보증금반환청구소송 (소액사건심판법 준용)",
        cues=(
            "보증금 소송",
            "전세금 반환 소송",
            "집주인 상대로 소송",
            "보증금 소송 걸면",
            "보증금반환청구소송",
            "sue for my deposit",
            "deposit lawsuit",
        ),
        answer=(
            "세입자가 집주인을 상대로 내는 보증금반환청구소송에는 「소액사건심판법」 제6조·제7조·제10조·"
            "제11조의2가 준용돼요 (주택임대차보호법 제13조)."
        ),
        answer_en=(
            "A tenant's suit against the landlord for return of the deposit follows the listed provisions "
            "of the Small Claims Trial Act (주택임대차보호법 제13조)."
        ),
        refs=(act("13"),),
    ),
)

# --- 보증금 반환과 임차권등기 --------------------------------------------------------------------------

_DEPOSIT_RETURN: tuple[LegalIssue, ...] = (
    LegalIssue(
        key="housing_deposit_return",
        title="계약이 끝났는데 보증금을 안 돌려줄 때",
        cues=(
            "보증금 안 돌려줘",
            "보증금 못 받",
            "전세금 안 줘",
            "집주인이 돈 없다고",
            "만기 지났는데 보증금",
            "다음 세입자 구해야 준대",
            "보증금 받을 때까지 살아도",
            "보증금 반환",
            "deposit back",
            "won't return my deposit",
            "landlord not returning deposit",
        ),
        answer=(
            "계약기간이 끝나도 세입자가 보증금을 돌려받을 때까지는 임대차관계가 계속되는 것으로 봐요 "
            "(주택임대차보호법 제4조 ②)."
        ),
        answer_en=(
            "Even after the lease term ends, the lease is deemed to continue until the tenant gets the "
            "deposit back (주택임대차보호법 제4조 ②)."
        ),
        refs=(act("4", 2),),
        next_steps=(
            ("임차권등기명령 신청", act("3의3", 1)),
            ("주택임대차분쟁조정위원회에 조정 신청", act("21", 1)),
            ("보증금반환청구소송", act("13")),
        ),
    ),
    LegalIssue(
        key="housing_lease_registration_order",
        title="임차권등기명령 신청 요건",
        cues=(
            "임차권등기명령",
            "임차권등기 신청",
            "보증금 못 받고 이사",
            "보증금 못 받았는데 이사 가야",
            "보증금 안 줬는데 나가야 해",
            "임차권등기 어디서",
            "임차권등기 하려면",
            "보증금 안 주고 이사",
            "만기 지났는데 집주인 연락두절",
            "만기 지났는데 집주인 연락 안 돼",
            "계약 끝났는데 집주인 잠수",
            "새 집 계약해서 이사 가야 하는데 보증금",
            "보증금 안 줘서 이사를 못 가",
            "lease registration order",
            "landlord disappeared deposit",
            "register my lease before moving",
            "lease ended landlord has no money need to move out",
            "have to move out before the deposit is returned",
            "what protects me if I move out without my deposit",
        ),
        answer=(
            "계약이 끝났는데 보증금을 돌려받지 못하면 세입자는 집 소재지를 관할하는 지방법원·지원·시군법원에 "
            "임차권등기명령을 신청할 수 있고, 신청서에는 신청 취지와 이유, 빌린 집(일부면 도면 첨부), "
            "등기 원인 사실 등을 적고 소명해야 해요 (주택임대차보호법 제3조의3 ①·②)."
        ),
        answer_en=(
            "If the deposit is not returned after the lease ends, the tenant may apply to the district "
            "court (branch or municipal court) for the home's area for a lease registration order, "
            "stating the purpose, reasons, the home and the facts supporting it "
            "(주택임대차보호법 제3조의3 ①·②)."
        ),
        refs=(act("3의3", 1, 2),),
        next_steps=(("신청·등기 비용은 임대인에게 청구", act("3의3", 8)),),
    ),
    LegalIssue(
        key="housing_lease_registration_effect",
        title="임차권등기의 효과 (이사해도 권리 유지)",
        cues=(
            "임차권등기 후 이사",
            "임차권등기 하면 전입 옮겨도",
            "등기 끝나고 나가도",
            "임차권등기 효력",
            "임차권등기 전에 이사하면",
            "이사 가면 대항력 없어져",
            "전입 옮기면 순위 잃어",
            "can i move out after lease registration",
            "keep my rights after moving out",
        ),
        answer=(
            "임차권등기를 마치면 대항력과 우선변제권을 얻고, 그 전에 이미 갖고 있던 대항력·우선변제권은 "
            "그대로 유지되며, 등기 뒤에는 입주·주민등록 요건을 잃어도 이미 얻은 권리를 잃지 않아요 "
            "(주택임대차보호법 제3조의3 ⑤)."
        ),
        answer_en=(
            "Once the lease registration is complete the tenant has opposability and priority; rights "
            "already held are kept, and after registration they are not lost even if the tenant moves "
            "out or transfers registration (주택임대차보호법 제3조의3 ⑤)."
        ),
        refs=(act("3의3", 5),),
    ),
    LegalIssue(
        key="housing_lease_registration_cost",
        title="임차권등기 비용은 누가",
        cues=(
            "임차권등기 비용",
            "등기 비용 집주인",
            "임차권등기 돈 들",
            "법원 비용 청구",
            "who pays for lease registration",
            "임차권등기 비용 돌려받",
            "registration cost landlord",
        ),
        answer=(
            "임차권등기명령 신청과 그 등기에 든 비용은 임대인에게 청구할 수 있어요 "
            "(주택임대차보호법 제3조의3 ⑧)."
        ),
        answer_en=(
            "The tenant may claim from the landlord the costs of applying for the lease registration "
            "order and registering it (주택임대차보호법 제3조의3 ⑧)."
        ),
        refs=(act("3의3", 8),),
    ),
    LegalIssue(
        key="housing_lease_registered_home",
        title="임차권등기된 집에 새로 들어가는 경우",
        cues=(
            "임차권등기 된 집",
            "등기부에 임차권등기",
            "임차권등기 있는 집 계약",
            "전 세입자 임차권등기",
            "house with lease registration",
            "임차권등기 찍힌 집 들어가도",
            "최우선변제 못 받는 집",
        ),
        answer=(
            "임차권등기가 끝난 집(일부면 그 부분)을 그 뒤에 빌린 세입자는 제8조의 보증금 중 일정액 "
            "우선변제(최우선변제)를 받을 수 없어요 (주택임대차보호법 제3조의3 ⑥)."
        ),
        answer_en=(
            "A tenant who leases a home after a lease registration order has been registered on it gets "
            "no priority for the protected part of the deposit under 제8조 (주택임대차보호법 제3조의3 ⑥)."
        ),
        refs=(act("3의3", 6),),
    ),
    LegalIssue(
        key="housing_lease_registration_dismissed",
        title="임차권등기명령 기각·금융기관 대위 신청",
        cues=(
            "임차권등기명령 기각",
            "임차권등기 안 받아줘",
            "기각 항고",
            "은행이 임차권등기",
            "hug 임차권등기 대위",
            "lease registration rejected",
        ),
        answer=(
            "임차권등기명령 신청이 기각되면 세입자는 항고할 수 있고, 보증금반환채권을 넘겨받은 금융기관 "
            "등도 세입자를 대신해 임차권등기명령을 신청할 수 있어요 (주택임대차보호법 제3조의3 ④·⑨)."
        ),
        answer_en=(
            "If the application is dismissed the tenant may appeal, and a lender that took over the "
            "deposit claim may apply for the order in the tenant's place (주택임대차보호법 제3조의3 ④·⑨)."
        ),
        refs=(act("3의3", 4, 9),),
    ),
    LegalIssue(
        key="housing_civil_lease_registration",
        title="민법상 주택임대차등기 (집주인 협력)",
        cues=(
            "임대차등기",
            "집주인 협조 등기",
            "전세 등기 집주인 동의",
            "임대차 등기 신청서",
            "주택임대차등기",
            "register lease with landlord's help",
        ),
        answer=(
            "반대 약정이 없으면 세입자는 집주인에게 임대차등기에 협력해 달라고 청구할 수 있고, 이 등기에는 "
            "임차권등기명령에 따른 등기와 같은 효력이 있으며, 대항력이나 우선변제권을 갖춘 세입자가 신청할 "
            "때는 신청서에 주민등록을 마친 날, 점유한 날, 확정일자를 받은 날을 적고 증명 서면을 붙여야 해요 "
            "(주택임대차보호법 제3조의4 ①·②)."
        ),
        answer_en=(
            "Unless agreed otherwise the tenant may ask the landlord to cooperate in registering the "
            "lease; that registration has the same effect as one made under a lease registration order, "
            "and the application states the registration, possession and fixed dates "
            "(주택임대차보호법 제3조의4 ①·②)."
        ),
        refs=(act("3의4", 1, 2), act("3의3", 5), civil("621", 1)),
    ),
)

# --- 확정일자와 임대차 정보 ----------------------------------------------------------------------------

_FIXED_DATE: tuple[LegalIssue, ...] = (
    LegalIssue(
        key="housing_fixed_date_where",
        title="확정일자 받는 곳",
        cues=(
            "확정일자 어디서",
            "확정일자 받는 곳",
            "확정일자 받으려면 어디 가야",
            "확정일자 어디서 받아",
            "어디 가서 확정일자 받",
            "where do I get a fixed date",
            "주민센터 확정일자",
            "등기소 확정일자",
            "확정일자 받으러",
            "확정일자 부여",
            "where to get a fixed date",
            "where to get the fixed date stamp",
        ),
        answer=(
            "확정일자는 집 소재지의 읍·면사무소, 동 주민센터, 시·군·구 출장소, 지방법원과 그 지원·등기소, "
            "또는 공증인에게서 받을 수 있어요 (주택임대차보호법 제3조의6 ①)."
        ),
        answer_en=(
            "A fixed date is given by the town or community service centre of the home's area, a city, "
            "county or district branch office, a district court or its branch and registry, or a notary "
            "(주택임대차보호법 제3조의6 ①)."
        ),
        refs=(act("3의6", 1),),
    ),
    LegalIssue(
        key="housing_fixed_date_documents",
        title="확정일자 신청 준비물",
        cues=(
            "확정일자 준비물",
            "확정일자 뭐 가져가",
            "확정일자 받으려면 뭐 필요",
            "확정일자 신분증",
            "확정일자 계약서 원본",
            "what to bring for fixed date",
        ),
        answer=(
            "계약서를 가진 사람이 확정일자부여기관에 직접 가서 계약서 원본과 주민등록증·운전면허증·여권·"
            f"외국인등록증 같은 신분증을 보여 주면 확정일자를 신청할 수 있어요 ({RULE_NAME} 제2조 ①·②)."
        ),
        answer_en=(
            "The holder of the lease contract applies in person at the fixed-date office, showing the "
            f"original contract and an ID such as a resident card, driver's licence, passport or alien "
            f"registration card ({RULE_NAME} 제2조 ①·②)."
        ),
        refs=(rule("2", 1, 2),),
    ),
    LegalIssue(
        key="housing_fixed_date_checks",
        title="확정일자를 안 찍어 줄 때 (확인사항)",
        cues=(
            "확정일자 거절",
            "확정일자 안 찍어줘",
            "계약서 고친 부분",
            "계약서 빈칸",
            "간인",
            "확정일자 확인사항",
            "fixed date refused",
        ),
        answer=(
            "확정일자를 주기 전에 기관은 계약서가 인적사항·목적물·기간·차임·보증금이 적힌 완성된 문서인지, "
            "당사자 서명이나 기명날인, 빈 공간의 줄긋기, 고친 곳의 정정 글자 수와 서명·날인, 두 장 이상이면 "
            f"간인, 이미 확정일자가 있지 않은지를 확인해요 ({RULE_NAME} 제3조)."
        ),
        answer_en=(
            "Before giving a fixed date the office checks that the contract is complete (parties, "
            "property, term, rent, deposit), signed or sealed, blanks struck through, corrections counted "
            f"and signed, multi-page contracts sealed across pages, and not already dated ({RULE_NAME} 제3조)."
        ),
        refs=(rule("3"),),
    ),
    LegalIssue(
        key="housing_fixed_date_recontract",
        title="재계약 때 확정일자 다시 받기",
        cues=(
            "재계약 확정일자",
            "보증금 올려서 재계약 확정일자",
            "갱신하면 확정일자 또",
            "증액분 확정일자",
            "확정일자 다시 받아야",
            "new fixed date on renewal",
        ),
        answer=(
            "이미 확정일자를 받은 계약서에는 다시 받을 수 없지만, 그 계약서에 새로운 내용을 추가로 적어 "
            f"재계약한 경우에는 다시 확정일자를 받을 수 있어요 ({RULE_NAME} 제3조)."
        ),
        answer_en=(
            "A contract that already has a fixed date cannot get another, except when new terms are "
            f"added to it for a renewed contract ({RULE_NAME} 제3조)."
        ),
        refs=(rule("3", items=(6,)),),
    ),
    LegalIssue(
        key="housing_fixed_date_fee",
        title="확정일자·정보제공 수수료",
        cues=(
            "확정일자 수수료",
            "확정일자 비용",
            "확정일자 얼마",
            "정보제공 수수료",
            "fixed date fee",
            "fixed date cost",
            "how much to get fixed date",
            "확정일자 600원",
            "열람 수수료",
        ),
        answer=(
            "확정일자 부여 수수료는 1건마다 600원(계약서가 4장을 넘으면 넘는 4장마다 100원 추가), "
            "정보제공 수수료는 1건마다 600원(출력물이 10장을 넘으면 넘는 1장마다 50원 추가)이고, "
            f"공증인에게 받을 때는 「공증인 수수료 규칙」을 따라요 ({RULE_NAME} 제8조 ①·②)."
        ),
        answer_en=(
            "A fixed date costs 600원 per contract (100원 more for every 4 sheets beyond 4) and an "
            "information request 600원 per case (50원 per sheet beyond 10); notaries charge under the "
            f"notary fee rules ({RULE_NAME} 제8조 ①·②)."
        ),
        refs=(rule("8", 1, 2),),
    ),
    LegalIssue(
        key="housing_fixed_date_fee_exemption",
        title="확정일자 수수료 면제",
        cues=(
            "확정일자 수수료 면제",
            "기초생활수급자 확정일자",
            "확정일자 무료",
            "전자계약 수수료 면제",
            "fixed date fee waiver",
            "국가유공자 수수료 면제",
            "한부모 확정일자 수수료",
        ),
        answer=(
            "기초생활수급자, 등록된 독립유공자·국가유공자 등(유족은 선순위자만), 한부모가족 보호대상자, "
            "그리고 전자계약으로 확정일자를 신청한 사람 등은 수수료를 면제받을 수 있어요 "
            f"({RULE_NAME} 제8조 ③)."
        ),
        answer_en=(
            "Basic livelihood recipients, registered persons of national merit and similar groups, "
            "single-parent family beneficiaries and those who signed an electronic lease and applied "
            f"online may be exempt from the fee ({RULE_NAME} 제8조 ③)."
        ),
        refs=(rule("8", 3), decree("7", 2)),
    ),
    LegalIssue(
        key="housing_e_contract_fixed_date",
        title="전자계약 확정일자",
        cues=(
            "전자계약 확정일자",
            "부동산 전자계약",
            "온라인 확정일자",
            "인터넷으로 확정일자",
            "확정일자 자동",
            "전자계약 확정일자 언제",
            "electronic lease fixed date",
        ),
        answer=(
            "국토교통부 정보처리시스템으로 계약했다면 세입자가 시스템에서 확정일자를 신청할 수 있고, "
            "주민센터 등은 특별한 사정이 없으면 접수 당일 부여하되 평일 16시 이후나 토요일·공휴일 접수분은 "
            f"다음 근무일에 부여할 수 있어요 ({RULE_NAME} 제2조의2 ①, 제4조의3 ①)."
        ),
        answer_en=(
            "If the lease was signed on the government's electronic contract system the tenant may apply "
            "there; the centre gives the date the same day, or the next working day for applications "
            f"after 16시 on weekdays or on Saturdays and holidays ({RULE_NAME} 제2조의2 ①, 제4조의3 ①)."
        ),
        refs=(rule("2의2", 1), rule("4의3", 1), rule("1의2")),
    ),
    LegalIssue(
        key="housing_lease_info_request",
        title="그 집의 확정일자·보증금 정보 요청",
        cues=(
            "선순위 보증금 확인",
            "다른 세입자 보증금 얼마",
            "확정일자 현황",
            "이 집 보증금 내역",
            "계약 전에 보증금 확인",
            "임대차 정보 열람",
            "확정일자 부여 현황",
            "check other tenants deposits",
            "lease information request",
            "다가구 다른 층 보증금 확정일자",
            "같은 건물 다른 세입자 보증금 떼볼 수",
            "다른 호실 확정일자 날짜 열람",
            "see the deposits and fixed dates of other units in my building",
            "다음 세입자 될 사람이 우리 집 보증금 볼 수",
            "주민센터에서 보증금 열람",
            "prospective tenant look up my deposit",
        ),
        answer=(
            "임대차에 이해관계가 있는 사람은 확정일자부여기관에 그 집의 확정일자 부여일·차임·보증금 등 "
            "정보를 요청할 수 있고 기관은 정당한 사유 없이 거부할 수 없으며, 계약하려는 사람은 집주인의 "
            "동의를 받아 요청할 수 있어요 (주택임대차보호법 제3조의6 ③·④)."
        ),
        answer_en=(
            "Anyone with an interest in the lease may ask the fixed-date office for the home's fixed "
            "dates, rents and deposits, which it cannot refuse without good reason; a prospective tenant "
            "may ask with the landlord's consent (주택임대차보호법 제3조의6 ③·④)."
        ),
        refs=(act("3의6", 3, 4),),
        next_steps=(("요청서·임대인 동의서 준비", rule("7", 2)),),
    ),
    LegalIssue(
        key="housing_lease_info_who",
        title="임대차 정보를 요청할 수 있는 사람",
        cues=(
            "정보 요청 누가",
            "이해관계인 범위",
            "소유자도 열람",
            "근저당권자 열람",
            "who can request lease information",
            "임차인이었던 사람 열람",
            "저당권자 정보 요청",
        ),
        answer=(
            "그 집의 임대인·임차인, 소유자, 등기기록상 권리자(저당권자·전세권자·임차권자·압류채권자 등), "
            "우선변제권을 승계한 금융기관, 실거주 사유로 갱신을 거절당했던 전 임차인 등이 정보를 요청할 수 "
            f"있어요 (주택임대차보호법 시행령 제5조, {RULE_NAME} 제6조)."
        ),
        answer_en=(
            "The home's landlord and tenant, its owner, right holders on the register (mortgagees, "
            "jeonse and lease right holders, attaching creditors and others), lenders that succeeded to "
            "the priority right, and a former tenant refused renewal for the landlord's own use may ask "
            f"(주택임대차보호법 시행령 제5조, {RULE_NAME} 제6조)."
        ),
        refs=(decree("5"), rule("6")),
    ),
    LegalIssue(
        key="housing_lease_info_scope",
        title="요청할 수 있는 임대차 정보의 범위",
        cues=(
            "열람하면 뭐가 나와",
            "임대인 인적사항 열람",
            "정보제공 범위",
            "확정일자 열람 내용",
            "what information can i see",
            "임대차 정보 어디까지",
            "열람 차임 보증금 기간",
            "어떤 정보까지 볼 수",
            "다른 세입자 이름도 나와",
            "예비 세입자 열람 범위",
        ),
        answer=(
            "임대인·임차인은 해당 계약의 목적물, 인적사항, 확정일자 부여일, 차임·보증금, 기간을 열람하거나 "
            "서면으로 받을 수 있고, 소유자·등기 권리자나 계약하려는 사람 등은 인적사항을 뺀 목적물·"
            "확정일자 부여일·차임·보증금·기간을 받을 수 있어요 (주택임대차보호법 시행령 제6조 ①·②)."
        ),
        answer_en=(
            "The landlord and tenant may see the property, personal details, fixed date, rent, deposit "
            "and term of their contract; owners, right holders and prospective tenants get the same "
            "without personal details (주택임대차보호법 시행령 제6조 ①·②)."
        ),
        refs=(decree("6", 1, 2),),
    ),
    LegalIssue(
        key="housing_lease_info_documents",
        title="계약 전 정보 요청 시 낼 서류",
        cues=(
            "정보제공 요청서",
            "임대인 동의서",
            "계약 전 열람 서류",
            "집주인 동의 받아서 열람",
            "documents for lease information request",
            "열람 준비물",
            "인감증명서 동의",
        ),
        answer=(
            "계약하려는 사람이 정보를 요청할 때는 임대차 정보제공 요청서, 임대인의 동의서, 그리고 "
            "인감증명서·본인서명사실확인서·신분증명서 사본 등 동의를 받았음을 증명하는 서류를 내야 해요 "
            f"({RULE_NAME} 제7조 ②)."
        ),
        answer_en=(
            "A prospective tenant submits the request form, the landlord's consent and a document proving "
            "that consent, such as a seal certificate, signature confirmation or copy of ID "
            f"({RULE_NAME} 제7조 ②)."
        ),
        refs=(rule("7", 2),),
    ),
    LegalIssue(
        key="housing_former_tenant_info",
        title="실거주 거절 후 그 집에 새 세입자가 들었는지 확인",
        cues=(
            "세 놨는지 확인",
            "실거주 확인 방법",
            "집주인 실거주 하는지 확인",
            "나간 집 새 세입자",
            "갱신 거절 후 다른 사람 들였",
            "갱신 거절 당한 전 세입자 확정일자 정보",
            "전 세입자도 정보 요청",
            "did the landlord really move in",
            # the former tenant asking to see the lease now on the home
            "실거주한다고 해서 나왔는데 그 집 임대차 내용 확인",
            "딴 사람 사는 것 같은데 임대차 내용 볼 수 있나",
            "moved out for the owner's own use but someone else lives there can I check the lease",
        ),
        answer=(
            "집주인의 실거주 사유로 갱신이 거절된 전 세입자도, 갱신됐더라면 이어졌을 기간 중의 그 집 "
            "임대차계약에 대해 목적물, 임대인·임차인 성명(법인·단체명), 확정일자 부여일, 차임·보증금, "
            "기간을 요청할 수 있어요 (주택임대차보호법 시행령 제5조, 제6조 ①)."
        ),
        answer_en=(
            "A former tenant refused renewal because the landlord would live there may request, for "
            "leases during the period the renewal would have run, the property, the parties' names, "
            "fixed date, rent, deposit and term (주택임대차보호법 시행령 제5조, 제6조 ①)."
        ),
        refs=(decree("5", items=(5,)), decree("6", 1)),
        next_steps=(("정당한 사유 없는 제3자 임대면 손해배상 청구", act("6의3", 5, 6)),),
    ),
    LegalIssue(
        key="housing_landlord_disclosure",
        title="임대인의 정보 제시 의무 (확정일자 정보·납세증명서)",
        cues=(
            "집주인 세금 체납 확인",
            "납세증명서",
            "국세 체납",
            "집주인 체납 여부",
            "계약 전에 뭐 보여줘야",
            "선순위 보증금 보여",
            "미납국세 열람",
            "landlord tax arrears",
            "landlord must show",
            "can I make the landlord show whether he has unpaid taxes",
            "landlord prove he owes no back taxes",
            "집주인한테 세금 밀린 거 없는지 보여달라",
            "계약 전에 집주인 세금 밀린 거 있는지 알 수",
            "집주인 세금 체납 있는지 확인하는 법",
            "계약하기 전에 임대인 체납 세금 확인할 방법",
            "before signing check whether the landlord has unpaid taxes",
        ),
        answer=(
            "계약할 때 집주인은 그 집의 확정일자 부여일·차임·보증금 등 정보와 국세·지방세 납세증명서를 "
            "세입자에게 보여 줘야 하고, 계약 전에 그 정보 제공과 미납세금 열람에 동의하는 것으로 대신할 수 "
            "있어요 (주택임대차보호법 제3조의7)."
        ),
        answer_en=(
            "When signing, the landlord must show the tenant the home's fixed dates, rents and deposits "
            "and national and local tax payment certificates, or instead consent beforehand to the "
            "information request and to inspection of unpaid taxes (주택임대차보호법 제3조의7)."
        ),
        refs=(act("3의7"),),
    ),
)

# --- 임대차기간과 계약의 갱신 ---------------------------------------------------------------------------

_TERM_AND_RENEWAL: tuple[LegalIssue, ...] = (
    LegalIssue(
        key="housing_minimum_term",
        title="임대차기간 (2년 미만 약정)",
        cues=(
            "1년으로 썼는데 2년 살 수 있",
            "계약서엔 1년인데 2년 보장",
            "1년 계약",
            "1년만 살고 나가도",
            "2년 미만 계약",
            "계약기간 1년인데 나가래",
            "기간 안 정했",
            "최소 계약기간",
            "6개월 계약",
            "minimum lease term",
            "one-year lease",
            "lease says 1 year",
            "leases are 2 years by law",
            "단기계약 나가래",
            "단기계약 방 빼래",
            # told the short term is up ("1년 됐으니 나가라")
            "1년짜리 계약 1년 됐으니 나가라",
            "one-year lease and the landlord says the year is up",
        ),
        answer=(
            "기간을 정하지 않았거나 2년 미만으로 정한 계약은 기간을 2년으로 보지만, 세입자는 2년 미만으로 "
            "정한 기간이 유효하다고 주장할 수 있어요 (주택임대차보호법 제4조 ①)."
        ),
        answer_en=(
            "A lease with no term or a term under 2 years is deemed to run 2 years, but the tenant may "
            "insist on the shorter agreed term (주택임대차보호법 제4조 ①)."
        ),
        refs=(act("4", 1),),
    ),
    LegalIssue(
        key="housing_implied_renewal",
        title="묵시적 갱신 (자동 연장)",
        cues=(
            "묵시적 갱신",
            "자동 연장",
            "아무 말 없이 만기",
            "연락 없었는데 계약 끝",
            "만기 지나면 자동",
            "그냥 계속 살면",
            "자동갱신",
            "implied renewal",
            "automatic renewal",
        ),
        answer=(
            "집주인이 만기 6개월 전부터 2개월 전까지 갱신거절이나 '조건을 바꾸지 않으면 갱신하지 않겠다'는 "
            "통지를 하지 않으면(세입자가 2개월 전까지 통지하지 않은 경우도) 만기에 전과 같은 조건으로 다시 "
            "계약한 것으로 보고, 그 기간은 2년이에요 (주택임대차보호법 제6조 ①·②)."
        ),
        answer_en=(
            "If the landlord gives no notice of refusal or changed terms between 6 and 2 months before "
            "expiry (or the tenant gives none by 2 months before), the lease renews on the same terms "
            "for 2 years (주택임대차보호법 제6조 ①·②)."
        ),
        refs=(act("6", 1, 2),),
        next_steps=(("묵시적 갱신 뒤 해지 통지", act("6의2", 1, 2)),),
    ),
    LegalIssue(
        key="housing_renewal_notice_timing",
        title="만기 통보·갱신요구는 언제까지",
        cues=(
            "언제까지 말해야",
            "나간다고 언제 통보",
            "계약 만료 통보",
            "만기 몇 달 전",
            "갱신 거절 통지 기간",
            "이사 간다고 언제",
            "2개월 전",
            "6개월 전",
            "notice period before lease ends",
        ),
        answer=(
            "집주인은 만기 6개월 전부터 2개월 전까지 갱신거절이나 '조건을 바꾸지 않으면 갱신하지 않겠다'는 "
            "통지를 해야 하고, 세입자도 만기 "
            "2개월 전까지 알리지 않으면 묵시적으로 갱신되며, 세입자의 갱신요구도 만기 6개월 전부터 2개월 "
            "전까지 해야 해요 (주택임대차보호법 제6조 ①, 제6조의3 ①)."
        ),
        answer_en=(
            "The landlord must give notice between 6 and 2 months before expiry; a tenant who gives no "
            "notice by 2 months before is renewed by default; a renewal request is made in the same "
            "6-to-2-month window (주택임대차보호법 제6조 ①, 제6조의3 ①)."
        ),
        refs=(act("6", 1), act("6의3", 1)),
    ),
    LegalIssue(
        key="housing_implied_renewal_excluded",
        title="묵시적 갱신이 안 되는 세입자",
        cues=(
            "월세 밀렸는데 자동 연장",
            "연체하면 묵시적 갱신",
            "묵시적 갱신 안 되는 경우",
            "의무 위반 세입자 갱신",
            "rent arrears implied renewal",
            "월세 두 달 밀렸는데 갱신",
            "의무 위반 묵시적 갱신",
        ),
        answer=(
            "2기의 차임액에 이르도록 월세를 밀렸거나 세입자로서의 의무를 현저히 어긴 세입자에게는 묵시적 "
            "갱신이 적용되지 않아요 (주택임대차보호법 제6조 ③)."
        ),
        answer_en=(
            "Implied renewal does not apply to a tenant who is behind by 2 periods' rent or has seriously "
            "breached the tenant's duties (주택임대차보호법 제6조 ③)."
        ),
        refs=(act("6", 3),),
    ),
    LegalIssue(
        key="housing_implied_renewal_termination",
        title="묵시적 갱신 후 중도 해지 (3개월)",
        cues=(
            "묵시적 갱신 중 이사",
            "자동 연장됐는데 나가고 싶",
            "중도 해지",
            "3개월 전 통보",
            "계약 중간에 나가",
            "묵시적 갱신 해지",
            "leave after automatic renewal",
            "break lease notice",
            "lease auto-renewed move out",
            "renewed automatically want to leave",
            "연장된 상태에서 이사",
            "묵시적 갱신 2년 다 채워야",
            "lease kept going leave early",
            "lease rolled over stuck for another 2 years",
        ),
        answer=(
            "묵시적으로 갱신된 경우 세입자는 언제든 집주인에게 계약 해지를 통지할 수 있고, 해지는 집주인이 "
            "통지를 받은 날부터 3개월이 지나면 효력이 생겨요 (주택임대차보호법 제6조의2 ①·②)."
        ),
        answer_en=(
            "After an implied renewal the tenant may give notice of termination at any time; it takes "
            "effect 3 months after the landlord receives it (주택임대차보호법 제6조의2 ①·②)."
        ),
        refs=(act("6의2", 1, 2),),
    ),
    LegalIssue(
        key="housing_renewal_request",
        title="계약갱신요구권 (1회, 2년)",
        cues=(
            "계약갱신청구권",
            "갱신요구권",
            "갱신청구권 몇 번",
            "2+2",
            "4년 살 수",
            "한 번 더 연장",
            "집주인이 갱신 거절",
            "갱신 요구하면",
            "갱신요구권 언제까지 써야",
            "갱신청구권 쓰려면 언제까지 말해",
            "갱신요구권 만기 몇 달 전까지",
            "renewal request right",
            "when must i ask to renew",
            "can i renew my lease",
            "how many renewals",
        ),
        answer=(
            "세입자가 만기 6개월 전부터 2개월 전까지 갱신을 요구하면 집주인은 정당한 사유 없이 거절할 수 "
            "없고, 이 갱신요구권은 1회만 쓸 수 있으며 갱신된 계약 기간은 2년이에요 "
            "(주택임대차보호법 제6조의3 ①·②, 제6조 ①)."
        ),
        answer_en=(
            "If the tenant asks for renewal between 6 and 2 months before expiry the landlord cannot "
            "refuse without just cause; the right can be used 1 time and the renewed term is 2 years "
            "(주택임대차보호법 제6조의3 ①·②, 제6조 ①)."
        ),
        refs=(act("6의3", 1, 2), act("6", 1)),
    ),
    LegalIssue(
        key="housing_renewal_terms",
        title="갱신 시 조건 (보증금·월세 인상 범위)",
        cues=(
            "갱신할 때 보증금 올려",
            "갱신하면 5%",
            "갱신 조건",
            "갱신 때 월세 인상",
            "갱신하면 같은 조건",
            "rent increase on renewal",
        ),
        answer=(
            "갱신된 계약은 전과 같은 조건으로 다시 맺은 것으로 보지만 차임과 보증금은 제7조 범위에서 "
            "올리거나 내릴 수 있고, 증액은 약정한 금액의 20분의 1을 넘을 수 없으며 시·도는 그 범위에서 "
            "조례로 상한을 달리 정할 수 있어요 (주택임대차보호법 제6조의3 ③, 제7조 ②)."
        ),
        answer_en=(
            "A renewed lease keeps the same terms, but rent and deposit may change within 제7조: an "
            "increase may not exceed 1/20 of the agreed amount, and a province or metropolitan city may "
            "set a different cap within that limit by ordinance (주택임대차보호법 제6조의3 ③, 제7조 ②)."
        ),
        refs=(act("6의3", 3), act("7", 2)),
    ),
    LegalIssue(
        key="housing_renewed_lease_termination",
        title="갱신요구로 연장된 계약의 중도 해지",
        cues=(
            "갱신청구권 쓰고 나가",
            "갱신 후 중도 해지",
            "갱신했는데 이사",
            "갱신 계약 해지 3개월",
            "leave after using renewal right",
            "2+2 중간에 나가",
            "갱신 후 해지 통보",
        ),
        answer=(
            "갱신요구권으로 갱신된 계약도 세입자는 언제든 해지를 통지할 수 있고, 집주인이 통지를 받은 날부터 "
            "3개월이 지나면 해지돼요 (주택임대차보호법 제6조의3 ④, 제6조의2 ①·②)."
        ),
        answer_en=(
            "A lease renewed at the tenant's request may also be terminated by notice at any time, "
            "effective 3 months after the landlord receives it (주택임대차보호법 제6조의3 ④, 제6조의2 ①·②)."
        ),
        refs=(act("6의3", 4), act("6의2", 1, 2)),
    ),
)

# --- 갱신거절 사유 (제6조의3 ① 각 호) ----------------------------------------------------------------


def _refusal(
    key: str, item: int, title: str, cues: tuple[str, ...], ground: str, ground_en: str
) -> LegalIssue:
    """One 갱신거절 사유: the same sentence frame, narrowed to its 호."""
    return LegalIssue(
        key=key,
        title=title,
        cues=cues,
        answer=f"{ground} 집주인은 세입자의 갱신요구를 거절할 수 있어요 (주택임대차보호법 제6조의3 ① 제{item}호).",
        answer_en=f"The landlord may refuse the renewal request {ground_en} (주택임대차보호법 제6조의3 ① 제{item}호).",
        refs=(act("6의3", 1, items=(item,)),),
    )


_REFUSAL_GROUNDS: tuple[LegalIssue, ...] = (
    LegalIssue(
        key="housing_renewal_refusal_grounds",
        title="집주인이 갱신을 거절할 수 있는 경우 (전체)",
        cues=(
            "갱신 거절 사유",
            "집주인이 갱신 거절할 수 있는 경우",
            "갱신 안 해줘도 되는 경우",
            "정당한 사유",
            "갱신요구 거절",
            "grounds to refuse renewal",
        ),
        answer=(
            "집주인은 정당한 사유 없이 갱신요구를 거절할 수 없고, 거절할 수 있는 경우는 2기 차임액 연체, "
            "거짓·부정한 임차, 합의로 상당한 보상 제공, 무단 전대, 고의·중과실 파손, 멸실, 철거·재건축, "
            "집주인(직계존속·비속 포함)의 실거주, 그 밖의 현저한 의무 위반이나 중대한 사유예요 "
            "(주택임대차보호법 제6조의3 ①)."
        ),
        answer_en=(
            "The landlord may refuse only on the listed grounds: arrears of 2 periods' rent, fraud, agreed "
            "compensation, unauthorised sublease, wilful or grossly negligent damage, destruction, "
            "demolition or reconstruction, the landlord's (or lineal family's) own residence, or other "
            "serious breach (주택임대차보호법 제6조의3 ①)."
        ),
        refs=(act("6의3", 1),),
    ),
    _refusal(
        "housing_refusal_rent_arrears",
        1,
        "갱신거절 사유: 차임 2기 연체",
        (
            "월세 두 번 밀렸",
            "월세 연체 갱신",
            "월세 밀린 적",
            "차임 연체",
            "2기 연체",
            "rent arrears renewal",
        ),
        "세입자가 2기의 차임액에 해당하는 금액에 이르도록 월세를 밀린 사실이 있으면",
        "if the tenant has been in arrears up to 2 periods' rent",
    ),
    _refusal(
        "housing_refusal_fraud",
        2,
        "갱신거절 사유: 거짓·부정한 방법의 임차",
        (
            "거짓말로 계약",
            "속여서 계약",
            "부정한 방법 임차",
            "신분 속이고",
            "lied to get the lease",
            "위장 계약",
            "fraudulent lease",
        ),
        "세입자가 거짓이나 그 밖의 부정한 방법으로 집을 빌렸다면",
        "if the tenant obtained the lease by deceit or other wrongful means",
    ),
    _refusal(
        "housing_refusal_compensation",
        3,
        "갱신거절 사유: 합의 후 상당한 보상",
        (
            "이사비 줄 테니 나가",
            "보상금 받고 나가",
            "합의금 주고 갱신 거절",
            "이사비 합의",
            "paid to leave",
            "보상 주면 갱신 거절",
            "compensation to refuse renewal",
        ),
        "서로 합의해 집주인이 세입자에게 상당한 보상을 제공했다면",
        "if both agreed and the landlord gave the tenant reasonable compensation",
    ),
    _refusal(
        "housing_refusal_sublease",
        4,
        "갱신거절 사유: 무단 전대",
        (
            "몰래 재임대",
            "전대",
            "방 하나 다른 사람한테",
            "에어비앤비 돌렸",
            "무단 전대",
            "unauthorised sublet",
        ),
        "세입자가 집주인 동의 없이 집의 전부나 일부를 다른 사람에게 다시 빌려줬다면(전대)",
        "if the tenant sublet all or part of the home without the landlord's consent",
    ),
    _refusal(
        "housing_refusal_damage",
        5,
        "갱신거절 사유: 고의·중과실 파손",
        ("집을 망가뜨렸", "파손", "벽 부쉈", "중대한 과실", "고의로 파손", "tenant damaged the home"),
        "세입자가 고의나 중대한 과실로 집의 전부나 일부를 파손했다면",
        "if the tenant wilfully or through gross negligence damaged all or part of the home",
    ),
    _refusal(
        "housing_refusal_destroyed",
        6,
        "갱신거절 사유: 멸실",
        (
            "집이 무너졌",
            "화재로 집이 타",
            "멸실",
            "살 수 없게 됐",
            "home destroyed",
            "집이 없어졌",
            "멸실 갱신 거절",
        ),
        "빌린 집의 전부나 일부가 멸실돼 임대차의 목적을 달성할 수 없다면",
        "if all or part of the home is lost so the lease's purpose cannot be achieved",
    ),
    _refusal(
        "housing_refusal_reconstruction",
        7,
        "갱신거절 사유: 철거·재건축",
        (
            "재건축한다고 나가래",
            "재개발 갱신 거절",
            "건물 철거",
            "리모델링 한다고",
            "노후 건물 안전",
            "재건축",
            "demolition reconstruction",
        ),
        (
            "계약 때 공사 시기·기간 등 철거·재건축 계획을 구체적으로 알리고 그대로 하는 경우, 노후·훼손 등으로 "
            "안전사고 우려가 있는 경우, 다른 법령에 따라 철거·재건축하는 경우처럼 집의 전부나 대부분을 "
            "철거·재건축하려고 점유를 되찾을 필요가 있으면"
        ),
        (
            "if it must regain possession to demolish or rebuild all or most of the home because a plan "
            "with timing was disclosed at signing, the building is unsafe, or other laws require it"
        ),
    ),
    _refusal(
        "housing_refusal_owner_move_in",
        8,
        "갱신거절 사유: 집주인 실거주",
        (
            "집주인이 들어와 산대",
            "실거주",
            "집주인 자녀가 들어온대",
            "부모님이 들어와 산다고",
            "직접 살겠다고 나가래",
            "본인 거주",
            "landlord wants to move in",
            "owner occupancy",
        ),
        "집주인(집주인의 직계존속·직계비속 포함)이 그 집에 실제로 살려고 한다면",
        "if the landlord (including lineal ascendants or descendants) intends to live there",
    ),
    _refusal(
        "housing_refusal_serious_breach",
        9,
        "갱신거절 사유: 그 밖의 현저한 의무 위반·중대한 사유",
        (
            "의무 위반",
            "계속 살기 어려운 사유",
            "중대한 사유",
            "세입자가 행패",
            "serious breach",
            "갱신 거절 기타 사유",
            "임차인 의무 현저히 위반",
        ),
        "그 밖에 세입자가 의무를 현저히 위반했거나 임대차를 계속하기 어려운 중대한 사유가 있다면",
        (
            "if the tenant has otherwise seriously breached their duties or there is a grave reason "
            "the lease cannot go on"
        ),
    ),
    LegalIssue(
        key="housing_owner_move_in_damages",
        title="실거주 거절 후 다른 사람에게 세를 준 경우 손해배상",
        cues=(
            "실거주 한다더니 세 놨",
            "실거주 거짓말",
            "집주인이 안 들어오고 딴 사람",
            "갱신 거절 후 새 세입자",
            "실거주 손해배상",
            "집주인이 들어와 산다고 해서 나왔는데",
            "집주인은 안 살고 새로 전세",
            "직접 산다더니 다른 사람이 살아",
            "손해배상 얼마",
            "집주인은 한 번도 안 살았 손해배상",
            "본인이 들어와 산다고 해서 이사 나왔는데 새로 전세",
            "이사비 복비 손해배상 실거주",
            "landlord lied about moving in",
            "compensation after refused renewal",
        ),
        answer=(
            "실거주를 이유로 갱신을 거절한 집주인이 갱신됐을 기간이 끝나기 전에 정당한 사유 없이 제3자에게 "
            "세를 주면 손해를 배상해야 하고, 거절할 때 배상액을 미리 합의하지 않았다면 거절 당시 환산월차임의 "
            "3개월분, 제3자에게 받은 환산월차임과 거절 당시 환산월차임의 차액 2년분, 실제 손해액 중 큰 "
            "금액이에요 "
            "(주택임대차보호법 제6조의3 ⑤·⑥)."
        ),
        answer_en=(
            "A landlord who refused renewal to live there but leases to a third party without just cause "
            "before the renewal period ends owes damages: absent an agreed amount, the largest of 3 "
            "months' converted rent, 2 years of the rent difference, or the actual loss "
            "(주택임대차보호법 제6조의3 ⑤·⑥)."
        ),
        refs=(act("6의3", 5, 6),),
        next_steps=(("갱신됐을 기간의 그 집 임대차 정보 요청", decree("6", 1)),),
    ),
)

# --- 차임·보증금의 증감과 월차임 전환 -------------------------------------------------------------------

_RENT: tuple[LegalIssue, ...] = (
    LegalIssue(
        key="housing_rent_adjustment",
        title="차임·보증금 증감청구 (감액 포함)",
        cues=(
            "월세 깎아 달라",
            "전세금 감액",
            "집값 떨어졌는데 보증금",
            "차임 감액",
            "월세 올려달래",
            "보증금 증액 요구",
            "차임 증감",
            "rent reduction",
            "can the landlord raise the rent",
        ),
        answer=(
            "약정한 차임이나 보증금이 세금·공과금 등 부담의 증감이나 경제사정 변동으로 적절하지 않게 되면 "
            "집주인이든 세입자든 앞으로의 금액을 올리거나 내려 달라고 청구할 수 있어요 "
            "(주택임대차보호법 제7조 ①)."
        ),
        answer_en=(
            "When the agreed rent or deposit becomes inappropriate because taxes, charges or economic "
            "conditions changed, either party may claim an increase or decrease for the future "
            "(주택임대차보호법 제7조 ①)."
        ),
        refs=(act("7", 1),),
    ),
    LegalIssue(
        key="housing_rent_increase_cap",
        title="증액 한도 (20분의 1)",
        cues=(
            "5% 이상 올려",
            "5프로",
            "보증금 얼마까지 올릴 수",
            "5% 넘게 올려달래",
            "보증금 5프로 이상 올려달라는데",
            "landlord asks for more than 5% at renewal",
            "월세 인상 한도",
            "인상률 상한",
            "전세금 인상 한도",
            "20분의 1",
            "rent increase cap",
            "올려달래 되는 금액",
            "landlord wants more rent when we renew",
            "5 percent",
        ),
        answer=(
            "차임이나 보증금 증액청구는 약정한 금액의 20분의 1을 넘을 수 없고, 시·도는 그 범위에서 조례로 "
            "상한을 달리 정할 수 있어요 (주택임대차보호법 제7조 ②, 같은 법 시행령 제8조 ①)."
        ),
        answer_en=(
            "A claimed increase in rent or deposit may not exceed 1/20 of the agreed amount; a province "
            "or metropolitan city may set a different cap within that limit by ordinance "
            "(주택임대차보호법 제7조 ②, 같은 법 시행령 제8조 ①)."
        ),
        refs=(act("7", 2), decree("8", 1)),
        next_steps=(("한도를 넘겨 낸 금액 반환 청구", act("10의2")),),
    ),
    LegalIssue(
        key="housing_rent_increase_interval",
        title="증액 후 1년 이내 재증액 금지",
        cues=(
            "올린 지 얼마 안 됐는데 또",
            "1년 안에 또 올려",
            "작년에 올렸는데",
            "증액 주기",
            "재증액",
            "raise again within a year",
        ),
        answer=(
            "증액청구는 계약을 맺거나 차임·보증금을 올린 뒤 1년 이내에는 할 수 없어요 "
            "(주택임대차보호법 제7조 ①, 같은 법 시행령 제8조 ②)."
        ),
        answer_en=(
            "No increase may be claimed within 1 year of the contract or of the last increase "
            "(주택임대차보호법 제7조 ①, 같은 법 시행령 제8조 ②)."
        ),
        refs=(act("7", 1), decree("8", 2)),
    ),
    LegalIssue(
        key="housing_rent_conversion_rate",
        title="전세→월세 전환 산정률",
        cues=(
            "전세를 월세로",
            "월세 전환율",
            "보증금 낮추고 월세",
            "반전세 전환",
            "전월세 전환",
            "전환율 계산",
            "보증금 일부 월세로",
            "jeonse to monthly rent",
            "conversion rate",
        ),
        answer=(
            "보증금의 전부나 일부를 월세로 바꿀 때 월차임은 바뀌는 금액에 연 1할과 '한국은행 기준금리 + "
            "연 2퍼센트' 중 낮은 비율을 곱한 범위를 넘을 수 없어요 "
            "(주택임대차보호법 제7조의2, 같은 법 시행령 제9조 ①·②)."
        ),
        answer_en=(
            "When all or part of the deposit is converted to monthly rent, the rent may not exceed the "
            "converted amount times the lower of 1할 (one tenth) a year and the Bank of Korea base rate "
            "plus 2 percent a year (주택임대차보호법 제7조의2, 같은 법 시행령 제9조 ①·②)."
        ),
        refs=(act("7의2"), decree("9", 1, 2)),
        next_steps=(("산정률을 넘겨 낸 차임 반환 청구", act("10의2")),),
    ),
    LegalIssue(
        key="housing_overpaid_rent_refund",
        title="한도를 넘겨 낸 차임·보증금 반환",
        cues=(
            "5% 넘게 올려 줬는데 돌려받",
            "더 낸 월세",
            "초과 인상분 반환",
            "전환율 넘게 월세",
            "초과 차임 반환",
            "overpaid rent refund",
        ),
        answer=(
            "제7조의 증액 비율이나 제7조의2의 월차임 산정률을 넘겨 차임·보증금을 냈다면 세입자는 초과해서 "
            "낸 금액의 반환을 청구할 수 있어요 (주택임대차보호법 제10조의2)."
        ),
        answer_en=(
            "A tenant who paid rent or deposit above the 제7조 increase limit or the 제7조의2 conversion "
            "rate may claim back the excess (주택임대차보호법 제10조의2)."
        ),
        refs=(act("10의2"),),
    ),
)

# --- 보증금 중 일정액의 보호 (최우선변제) ----------------------------------------------------------------

_SMALL_DEPOSIT: tuple[LegalIssue, ...] = (
    LegalIssue(
        key="housing_small_deposit_priority",
        title="최우선변제 (보증금 중 일정액)",
        cues=(
            "경매 들어간 뒤 전입",
            "언제까지 전입해야 먼저 받",
            "최우선변제",
            "소액임차인",
            "근저당 있어도 보증금 일부",
            "경매돼도 일부는 받",
            "소액보증금",
            "보증금 중 일정액",
            "최우선 변제 조건",
            "small deposit priority",
            "경매개시결정 등기 난 집 최우선변제",
            "경매 등기 된 집에 들어갔는데 소액이면",
            "auction already registered when I moved in small deposit",
        ),
        answer=(
            "세입자는 보증금 중 일정액을 다른 담보물권자보다 먼저 받을 수 있는데, 그러려면 경매신청 등기 "
            "전에 입주와 주민등록(제3조 ①의 요건)을 마쳐야 해요 (주택임대차보호법 제8조 ①)."
        ),
        answer_en=(
            "A tenant may be paid a fixed part of the deposit ahead of secured creditors, provided move-in "
            "and resident registration were done before the auction application was registered "
            "(주택임대차보호법 제8조 ①)."
        ),
        refs=(act("8", 1),),
        next_steps=(
            ("지역별 최우선변제 금액 확인", decree("10", 1)),
            ("소액임차인 보증금 기준 확인", decree("11")),
        ),
    ),
    LegalIssue(
        key="housing_small_deposit_amounts",
        title="최우선변제 금액 (지역별)",
        cues=(
            "최우선변제 금액",
            "서울 최우선변제 얼마",
            "소액임차인 얼마까지 보호",
            "최우선 얼마 받",
            "5500만원",
            "how much is protected",
            "얼마까지 먼저 받",
            "maximum small deposit paid first",
            "top-priority repayment amount",
        ),
        answer=(
            "최우선으로 받는 보증금 중 일정액은 서울특별시 5천500만원, 과밀억제권역(서울 제외)·세종·용인·"
            "화성·김포 4천800만원, 광역시(과밀억제권역과 군지역 제외)·안산·광주·파주·이천·평택 2천800만원, "
            "그 밖의 지역 2천500만원 이하예요 "
            "(주택임대차보호법 시행령 제10조 ①)."
        ),
        answer_en=(
            "The protected amount is up to 5천500만원 in Seoul, 4천800만원 in the overcrowding-control "
            "region, Sejong, Yongin, Hwaseong and Gimpo, 2천800만원 in metropolitan cities, Ansan, "
            "Gwangju, Paju, Icheon and Pyeongtaek, and 2천500만원 elsewhere (주택임대차보호법 시행령 제10조 ①)."
        ),
        refs=(decree("10", 1),),
    ),
    LegalIssue(
        key="housing_small_tenant_threshold",
        title="소액임차인 보증금 기준 (지역별)",
        cues=(
            "소액임차인 기준",
            "소액임차인 해당",
            "smallest deposit that gets priority repayment in Seoul",
            "what deposit counts as a small deposit tenant",
            "보증금 얼마 이하면 최우선",
            "서울 소액임차인",
            "1억6500",
            "small deposit tenant threshold",
            "최우선변제 대상 되나",
            "최우선변제 못 받는 보증금",
            "보증금 중 일정액 저도 해당돼",
            "보증금 적은 사람 해당되나",
            "does my deposit count as a small deposit",
        ),
        answer=(
            "최우선변제를 받는 세입자는 보증금이 서울특별시 1억6천500만원, 과밀억제권역(서울 제외)·세종·"
            "용인·화성·김포 1억4천500만원, 광역시(과밀억제권역과 군지역 제외)·안산·광주·파주·이천·평택 "
            "8천500만원, 그 밖의 지역 7천500만원 이하인 경우예요 (주택임대차보호법 시행령 제11조)."
        ),
        answer_en=(
            "Only tenants whose deposit is at most 1억6천500만원 in Seoul, 1억4천500만원 in the "
            "overcrowding-control region, Sejong, Yongin, Hwaseong and Gimpo, 8천500만원 in metropolitan "
            "cities and the listed cities, or 7천500만원 elsewhere qualify (주택임대차보호법 시행령 제11조)."
        ),
        refs=(decree("11"),),
    ),
    LegalIssue(
        key="housing_small_deposit_half_cap",
        title="최우선변제는 집값의 2분의 1까지",
        cues=(
            "최우선변제 집값 절반",
            "세입자 여러 명 최우선",
            "다가구 최우선변제",
            "집값 반까지만",
            "2분의 1",
            "half of house price",
        ),
        answer=(
            "보증금 중 일정액은 주택가액(대지 포함)의 2분의 1까지만 우선변제되고, 한 집에 세입자가 2명 "
            "이상이라 합계가 2분의 1을 넘으면 각자의 일정액 비율로 그 2분의 1을 나눠요 "
            "(주택임대차보호법 시행령 제10조 ②·③, 법 제8조 ③)."
        ),
        answer_en=(
            "Priority for the protected amount is capped at 1/2 of the house value (land included); when "
            "2 or more tenants' amounts together exceed 1/2, that half is shared in proportion "
            "(주택임대차보호법 시행령 제10조 ②·③, 법 제8조 ③)."
        ),
        refs=(decree("10", 2, 3), act("8", 3)),
    ),
    LegalIssue(
        key="housing_small_deposit_household",
        title="가족이 따로 계약한 경우 보증금 합산",
        cues=(
            "가족이 각각 계약",
            "부부 따로 계약 최우선",
            "같이 사는데 계약 두 개",
            "보증금 합산",
            "family members separate leases",
            "가정공동생활",
            "가족 두 명 세입자",
            "한 집에 각자 따로 보증금",
            "엄마랑 따로 계약 최우선 따로 계산",
            "같은 집 가족 각자 계약 소액임차인",
            "my mother and I each signed a lease for rooms in the same home",
        ),
        answer=(
            "한 집에 세입자가 2명 이상이어도 그 집에서 가정공동생활을 하면 1명의 세입자로 보고 각 보증금을 "
            "합산해요 (주택임대차보호법 시행령 제10조 ④)."
        ),
        answer_en=(
            "2 or more tenants of one home who live there as one household are treated as 1 tenant and "
            "their deposits are added up (주택임대차보호법 시행령 제10조 ④)."
        ),
        refs=(decree("10", 4),),
    ),
    LegalIssue(
        key="housing_lease_committee",
        title="주택임대차위원회 (최우선변제 기준 심의)",
        cues=(
            "최우선변제 금액 누가 정해",
            "주택임대차위원회",
            "소액임차인 기준 정하는 곳",
            "최우선변제 기준 바뀌",
            "housing lease committee",
            "최우선변제 금액 결정",
            "법무부 위원회",
        ),
        answer=(
            "최우선변제를 받을 세입자와 보증금 중 일정액의 범위·기준은 법무부에 둔 주택임대차위원회의 "
            "심의를 거쳐 대통령령으로 정하고, 일정액은 주택가액의 2분의 1을 넘지 못하며, 위원회는 "
            "법무부차관을 위원장으로 9명 이상 15명 이하로 구성해요 "
            "(주택임대차보호법 제8조 ③, 제8조의2 ①·②·③)."
        ),
        answer_en=(
            "Who qualifies and how much is protected are set by presidential decree after review by the "
            "Housing Lease Committee in the Ministry of Justice (9 to 15 members, chaired by the Vice "
            "Minister), and may not exceed 1/2 of the house value (주택임대차보호법 제8조 ③, 제8조의2 ①·②·③)."
        ),
        refs=(act("8", 3), act("8의2", 1, 2, 3)),
    ),
)

# --- 임차권의 승계 ---------------------------------------------------------------------------------------

_SUCCESSION: tuple[LegalIssue, ...] = (
    LegalIssue(
        key="housing_succession_on_death",
        title="세입자가 사망한 경우 임차권 승계",
        cues=(
            "세입자 사망",
            "남편이 죽었는데 전세",
            "사실혼 배우자 승계",
            "같이 살던 사람 계약",
            "임차인 사망 보증금",
            "임차권 승계",
            "tenant died",
        ),
        answer=(
            "세입자가 상속인 없이 사망하면 함께 살던 사실혼 배우자가 권리·의무를 이어받고, 상속인이 그 집에서 "
            "함께 살고 있지 않았다면 함께 살던 사실혼 배우자와 2촌 이내 친족이 공동으로 이어받아요 "
            "(주택임대차보호법 제9조 ①·②)."
        ),
        answer_en=(
            "If a tenant dies without heirs, a de facto spouse who lived there succeeds; if the heirs were "
            "not living there, that spouse and relatives within 2 degrees who lived there succeed jointly "
            "(주택임대차보호법 제9조 ①·②)."
        ),
        refs=(act("9", 1, 2),),
    ),
    LegalIssue(
        key="housing_succession_refusal",
        title="임차권 승계를 원하지 않을 때 (1개월 이내)",
        cues=(
            "승계 안 하고 싶",
            "승계 거부",
            "반대의사 표시",
            "사망 후 계약 안 이어받",
            "refuse to take over lease",
            "1개월 이내 반대",
            "상속 안 받고 싶은 전세",
        ),
        answer=(
            "승계 대상자가 세입자 사망 후 1개월 이내에 집주인에게 반대의사를 밝히면 승계하지 않고, 승계하면 "
            "임대차에서 생긴 채권·채무도 승계한 사람에게 돌아가요 (주택임대차보호법 제9조 ③·④)."
        ),
        answer_en=(
            "A successor who tells the landlord within 1 month of the death that they object does not "
            "succeed; otherwise the lease's claims and debts pass to the successor "
            "(주택임대차보호법 제9조 ③·④)."
        ),
        refs=(act("9", 3, 4),),
    ),
)

# --- 주택임대차분쟁조정위원회 ----------------------------------------------------------------------------

_DISPUTES: tuple[LegalIssue, ...] = (
    LegalIssue(
        key="housing_dispute_committee",
        title="주택임대차분쟁조정위원회",
        cues=(
            "분쟁조정위원회",
            "소송 말고 방법",
            "조정 신청",
            "집주인이랑 다툼",
            "법률구조공단 조정",
            "분쟁 조정",
            "dispute mediation",
        ),
        answer=(
            "주택임대차 분쟁은 대한법률구조공단 지부와 한국토지주택공사·한국부동산원(법 조문상 "
            "한국감정원)의 지사·사무소에 둔 주택임대차분쟁조정위원회가 심의·조정하고, 시·도도 조정위원회를 "
            "둘 수 있어요 (주택임대차보호법 제14조 ①, 같은 법 시행령 제21조)."
        ),
        answer_en=(
            "Housing lease disputes are mediated by the committees at the Korea Legal Aid Corporation, "
            "Korea Land and Housing Corporation and Korea Real Estate Board offices; provinces may set up "
            "their own (주택임대차보호법 제14조 ①, 같은 법 시행령 제21조)."
        ),
        refs=(act("14", 1), decree("21")),
        next_steps=(("관할 조정위원회에 조정 신청", act("21", 1)),),
    ),
    LegalIssue(
        key="housing_dispute_matters",
        title="조정할 수 있는 분쟁",
        cues=(
            "어떤 분쟁 조정",
            "수리 안 해줘 조정",
            "조정 대상",
            "보증금 분쟁 조정",
            "what disputes can be mediated",
        ),
        answer=(
            "차임·보증금 증감, 임대차 기간, 보증금이나 집 반환, 유지·수선 의무에 관한 분쟁과 계약 이행·해석, "
            "갱신·종료, 손해배상, 중개보수 등 비용부담, 공인중개사 손해배상책임, 표준계약서 사용에 관한 분쟁 "
            "등을 조정해요 (주택임대차보호법 제14조 ②, 같은 법 시행령 제22조)."
        ),
        answer_en=(
            "Disputes over rent or deposit changes, the term, return of the deposit or home, repairs, "
            "performance and interpretation, renewal and termination, damages, brokerage fees, broker "
            "liability and use of the standard contract (주택임대차보호법 제14조 ②, 같은 법 시행령 제22조)."
        ),
        refs=(act("14", 2), decree("22")),
    ),
    LegalIssue(
        key="housing_dispute_matters_decree",
        title="조정위원회가 다루는 계약·비용 분쟁 (중개보수·손해배상 등)",
        cues=(
            "중개보수 분쟁 조정",
            "중개수수료 누가 낼지 다툼 조정위원회",
            "복비 누가 내는지 싸움 조정 신청",
            "복비 문제 조정위원회",
            "손해배상 분쟁 조정위원회",
            "표준계약서 분쟁 조정",
            "계약 해석 다툼 조정",
            "broker fee dispute mediation committee",
            "can the mediation committee handle a damages dispute",
        ),
        answer=(
            "주택임대차분쟁조정위원회는 차임·보증금, 기간, 수선 등에 관한 분쟁 외에 임대차계약의 이행과 내용 해석, "
            "갱신·종료, 계약 불이행에 따른 손해배상청구, 공인중개사 보수 등 비용부담, 공인중개사의 손해배상책임, "
            "주택임대차표준계약서 사용에 관한 분쟁도 심의·조정해요 (주택임대차보호법 시행령 제22조, 같은 법 제14조 ②)."
        ),
        answer_en=(
            "Besides rent, deposit, term and repair disputes, the housing lease mediation committee handles "
            "disputes over performing and interpreting the lease, renewal and termination, damages for breach, "
            "who bears the brokerage fee and other costs, a broker's liability and use of the standard lease "
            "contract (주택임대차보호법 시행령 제22조, 같은 법 제14조 ②)."
        ),
        refs=(decree("22"), act("14", 2)),
    ),
    LegalIssue(
        key="housing_mediation_application",
        title="조정 신청 방법",
        cues=(
            "조정 신청 방법",
            "조정 신청 어디에",
            "말로 조정 신청",
            "조정신청서",
            "how to apply for mediation",
            "조정 신청서 쓰는 법",
            "전화로 조정 신청",
        ),
        answer=(
            "분쟁 당사자는 집 소재지를 관할하는 조정위원회에 서면(전자문서 포함)이나 말로 조정을 신청할 수 "
            "있어요 (주택임대차보호법 제21조 ①, 같은 법 시행령 제30조 ①)."
        ),
        answer_en=(
            "A party applies in writing (including electronically) or orally to the committee for the "
            "home's area (주택임대차보호법 제21조 ①, 같은 법 시행령 제30조 ①)."
        ),
        refs=(act("21", 1), decree("30", 1)),
    ),
    LegalIssue(
        key="housing_mediation_respondent",
        title="상대방이 조정에 안 나오면",
        cues=(
            "집주인이 조정 안 나오면",
            "조정 거부",
            "조정 응하지 않",
            "피신청인",
            "조정 각하",
            "landlord ignores mediation",
        ),
        answer=(
            "상대방은 조정에 응할 뜻이 있으면 신청서를 받은 날부터 7일 이내에 알려야 하고, 조정절차에 응하지 "
            "않겠다고 통지하면 신청은 각하돼요 (주택임대차보호법 제21조 ③ 제5호, 같은 법 시행령 제32조 ②)."
        ),
        answer_en=(
            "The other party who wants to take part must say so within 7 days of receiving the "
            "application; if they give notice that they will not, the application is dismissed "
            "(주택임대차보호법 제21조 ③ 제5호, 같은 법 시행령 제32조 ②)."
        ),
        refs=(act("21", 3, items=(5,)), decree("32", 2)),
    ),
    LegalIssue(
        key="housing_mediation_period",
        title="조정 처리기간 (60일)",
        cues=(
            "조정 얼마나 걸려",
            "조정 기간",
            "조정 처리기간",
            "60일",
            "how long does mediation take",
            "조정 언제 끝나",
            "조정 연장",
        ),
        answer=(
            "조정위원회는 신청을 받은 날부터 60일 이내에 조정을 마쳐야 하고, 부득이하면 의결을 거쳐 30일 "
            "범위에서 연장할 수 있어요 (주택임대차보호법 제23조 ①)."
        ),
        answer_en=(
            "The committee must finish within 60 days of the application, extendable by up to 30 days "
            "by resolution when unavoidable (주택임대차보호법 제23조 ①)."
        ),
        refs=(act("23", 1),),
    ),
    LegalIssue(
        key="housing_mediation_effect",
        title="조정안 수락과 효력 (강제집행)",
        cues=(
            "조정 결과 효력",
            "조정 성립하면",
            "조정안 수락",
            "조정서 강제집행",
            "조정 14일",
            "is mediation binding",
        ),
        answer=(
            "조정안을 통지받은 날부터 14일 이내에 서면으로 수락하지 않으면 거부한 것으로 보고, 양쪽이 수락하면 "
            "조정안과 같은 합의가 성립하며, 강제집행을 승낙한다는 내용이 적힌 조정서 정본은 집행력 있는 "
            "집행권원과 같은 효력이 있어요 (주택임대차보호법 제26조 ②·③·④, 제27조)."
        ),
        answer_en=(
            "A party that does not accept the proposal in writing within 14 days is deemed to refuse; if "
            "both accept, an agreement is formed, and a mediation record consenting to compulsory "
            "execution is enforceable like a title of execution (주택임대차보호법 제26조 ②·③·④, 제27조)."
        ),
        refs=(act("26", 2, 3, 4), act("27")),
    ),
    LegalIssue(
        key="housing_mediation_fee",
        title="조정 신청 수수료와 면제·환급",
        cues=(
            "조정 수수료",
            "조정 비용",
            "조정 신청 돈",
            "조정 수수료 면제",
            "조정 취하 환급",
            "mediation fee",
        ),
        answer=(
            "조정을 신청하면 시행령 별표 2의 수수료를 내야 하지만 최우선변제 대상 세입자, 기초생활수급자, "
            "국가유공자 등은 면제받을 수 있고, 회의 소집 전에 신청을 취하하면 낸 수수료의 2분의 1을 돌려받을 "
            "수 있어요 (주택임대차보호법 시행령 제33조 ①·②·③)."
        ),
        answer_en=(
            "The fee in Appendix 2 of the decree applies, but small-deposit tenants, basic livelihood "
            "recipients, persons of national merit and others may be exempt, and withdrawing before the "
            "meeting is called refunds 1/2 of it (주택임대차보호법 시행령 제33조 ①·②·③)."
        ),
        refs=(decree("33", 1, 2, 3),),
    ),
    LegalIssue(
        key="housing_mediation_panel",
        title="조정부 (보증금 규모별 소액 분쟁)",
        cues=(
            "조정부",
            "소액 분쟁 조정",
            "보증금 5억 이하 조정",
            "조정위원 3명",
            "mediation panel",
            "조정목적의 값",
            "3억 이하 분쟁",
        ),
        answer=(
            "보증금이 수도권 5억원, 그 밖의 지역 3억원 이하인 분쟁이나 조정목적의 값이 2억원 이하인 분쟁 "
            "등은 조정위원 3명의 조정부가 심의·조정할 수 있고, 조정부의 결정은 조정위원회의 결정으로 봐요 "
            "(주택임대차보호법 제17조 ①·③·⑤, 같은 법 시행령 제28조)."
        ),
        answer_en=(
            "Disputes over deposits up to 5억원 in the capital region or 3억원 elsewhere, or worth up to "
            "2억원, may go to a 3-member panel whose decision counts as the committee's "
            "(주택임대차보호법 제17조 ①·③·⑤, 같은 법 시행령 제28조)."
        ),
        refs=(act("17", 1, 3, 5), decree("28")),
    ),
)

ISSUES: tuple[LegalIssue, ...] = (
    *_SCOPE,
    *_OPPOSABILITY,
    *_PRIORITY,
    *_DEPOSIT_RETURN,
    *_FIXED_DATE,
    *_TERM_AND_RENEWAL,
    *_REFUSAL_GROUNDS,
    *_RENT,
    *_SMALL_DEPOSIT,
    *_SUCCESSION,
    *_DISPUTES,
)
