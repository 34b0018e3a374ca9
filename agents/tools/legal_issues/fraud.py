"""전세사기피해자 지원 및 주거안정에 관한 특별법: who counts as a victim, how to apply, what help exists.

Grouped as a victim meets the law: the requirements and who is excluded, applying and objecting,
then the support itself (pausing auctions and tax sales, the right to buy first, public purchase
and rental, the minimum guarantee, loans, emergency welfare, splitting the landlord's tax).
"""

from __future__ import annotations

from agents.tools.legal_issues.types import ArticleRef, LegalIssue

LAW = "전세사기피해자지원및주거안정에관한특별법"
CITE = "전세사기피해자 지원 및 주거안정에 관한 특별법"
DECREE = "전세사기피해자지원및주거안정에관한특별법시행령"

ISSUES: tuple[LegalIssue, ...] = (
    # --- Who is a victim --------------------------------------------------------------------------
    LegalIssue(
        key="fraud_victim_requirements",
        title="전세사기피해자 요건",
        cues=(
            "전세사기 피해자 요건",
            "전세사기 피해자 인정 조건",
            "전세사기 피해자 되려면",
            "전세사기 보증금 5억",
            "전세사기 특별법 대상",
            "깡통전세 피해자 지원",
            "집주인 연락 두절 보증금",
            "전세사기피해자의 요건",
            "jeonse fraud victim criteria",
            "보증금 얼마까지 전세사기 피해자 신청",
            "나라에서 지원받으려면 뭐가 돼야",
            "전세사기 지원 받으려면 조건",
            "피해자로 인정받으려면",
            "what do I need to qualify as a jeonse fraud victim",
            # a tenant who suspects fraud because the landlord has vanished
            "집주인 연락이 안 되는데 전세사기 피해자에 해당",
            "집주인 잠적 전세사기인가",
            "i think i got scammed the landlord vanished with the deposit",
        ),
        answer=(
            "전세사기피해자로 결정받으려면 자연인 임차인이 인도·전입과 확정일자를 갖추고(임차권등기나 전세권 설정 "
            "포함), 보증금이 5억원 이하이며(위원회가 2억원 범위에서 상향 가능), 경매·공매 개시나 임대인 파산 등으로 "
            "2인 이상 임차인이 보증금을 돌려받지 못하는 피해가 생겼거나 예상되고, 임대인등에 대한 수사 개시나 기망 "
            "등 반환할 의도가 없었다고 의심할 상당한 이유가 있어야 해요. 경매나 공매가 끝난 임차인에게는 "
            "대항력·확정일자 요건과 경매·파산 등 피해 요건이 적용되지 않아요 "
            f"({CITE} 제3조 ①)."
        ),
        answer_en=(
            "To be recognised, an individual tenant needs possession, move-in registration and a fixed date (or "
            "a registered lease or jeonse right), a deposit of at most 5억원 (the committee may raise it within "
            "2억원), actual or expected losses to 2 or more tenants from an auction, public sale or the "
            "landlord's insolvency, and good reason to suspect the landlord never meant to repay; tenants whose "
            f"auction is over are spared the first and third conditions ({CITE} 제3조 ①)."
        ),
        refs=(ArticleRef(LAW, 3, clauses=(1,)),),
        next_steps=(
            (
                "국토교통부장관에게 전세사기피해자등 결정을 신청하세요.",
                ArticleRef(LAW, 12, clauses=(1,)),
            ),
            (
                "전세피해지원센터에서 요건과 관계없이 법률상담과 금융·주거지원 연계를 신청할 수 있어요.",
                ArticleRef(LAW, 11, clauses=(2,)),
            ),
        ),
    ),
    LegalIssue(
        key="fraud_victim_exclusions",
        title="전세사기피해자에서 제외되는 경우",
        cues=(
            "보증보험 들었는데 전세사기 피해자",
            "HUG 가입했으면 전세사기 지원",
            "최우선변제 받으면 피해자 제외",
            "보증금 다 돌려받을 수 있으면",
            "전세사기 피해자 불인정 이유",
            "jeonse fraud victim exclusions",
            "hug deposit guarantee fraud victim",
        ),
        answer=(
            "임차인이나 임대인이 가입한 보증·보험으로 보증금 전액을 돌려받을 수 있는 경우, 보증금 전액이 "
            "주택임대차보호법상 최우선변제 대상인 경우, 대항력이나 우선변제권으로 보증금 전액을 스스로 회수할 수 "
            f"있다고 판단되는 경우에는 전세사기피해자 요건 적용 대상에서 빠져요 ({CITE} 제3조 ②)."
        ),
        answer_en=(
            "Tenants are excluded if a return guarantee or insurance covers the whole deposit, if the whole "
            "deposit falls within the small-deposit priority amount, or if they can recover it all through "
            f"opposability or priority ({CITE} 제3조 ②)."
        ),
        refs=(ArticleRef(LAW, 3, clauses=(2,)),),
    ),
    LegalIssue(
        key="fraud_victim_categories",
        title="전세사기피해자등(요건 일부만 갖춘 임차인)",
        cues=(
            "보증금 한도 넘는 전세사기 임차인 지원",
            "전세사기피해자등 뜻",
            "신탁된 집 전세 계약 피해",
            "임대권한 없는 사람과 계약",
            "요건 일부만 충족 피해자",
            "jeonse fraud affected tenant categories",
        ),
        answer=(
            "전세사기피해자가 아니어도, 보증금 요건만 빼고 나머지 요건을 갖춘 임차인과, 보증금·임대인 의도 요건을 "
            "갖추고 집을 인도받아 전입신고와 확정일자를 마친 임차인(적법한 임대권한이 없는 사람과 계약한 경우 포함)은 "
            f"위원회 심의를 거쳐 전세사기피해자등으로 결정될 수 있어요 ({CITE} 제2조 제4호)."
        ),
        answer_en=(
            "Besides recognised victims, tenants who meet every condition except the deposit cap, and tenants who "
            "meet the deposit and bad-intent conditions and took possession with move-in registration and a fixed "
            "date (even under a lease from someone without authority to let), may be designated as affected "
            f"tenants after committee review ({CITE} 제2조 제4호)."
        ),
        refs=(ArticleRef(LAW, 2, items=(4,)), ArticleRef(LAW, 3, clauses=(1,))),
    ),
    # --- Applying ------------------------------------------------------------------------------
    LegalIssue(
        key="fraud_application_process",
        title="전세사기피해자 결정 신청",
        cues=(
            "전세사기 피해자 신청 어디서",
            "전세사기 피해자 신청 어디에 해",
            "피해자 신청 접수처",
            "where do i apply for jeonse fraud victim status",
            "apply to be recognized as a fraud victim",
            "피해자 결정 신청",
            "전세사기 위원회 심의",
            "jeonse fraud application",
        ),
        answer=(
            "전세사기피해자등 결정을 받으려는 임차인은 국토교통부장관에게 신청하고, 장관은 신청일부터 30일 이내에 "
            "피해사실 조사를 마쳐 위원회에 심의를 요청해요. 위원회는 안건이 상정된 날부터 30일 이내에 심의·의결해야 "
            f"하고, 부득이하면 15일 이내에서 한 차례 연장할 수 있어요 ({CITE} 제12조 ①, 제13조 ⑤, 제14조 ①·③)."
        ),
        answer_en=(
            "Apply to the Minister of Land; the ministry must finish its investigation within 30 days and refer "
            "the case to the committee, which must decide within 30 days of the agenda, extendable once by up to "
            f"15 days ({CITE} 제12조 ①, 제13조 ⑤, 제14조 ①·③)."
        ),
        refs=(
            ArticleRef(LAW, 12, clauses=(1,)),
            ArticleRef(LAW, 13, clauses=(5,)),
            ArticleRef(LAW, 14, clauses=(1, 3)),
        ),
    ),
    # How long a decision takes is set by the articles on the investigation and the decision.
    LegalIssue(
        key="fraud_decision_timeline",
        title="피해자 결정까지 걸리는 기간",
        cues=(
            "전세사기 신청하면 얼마나 걸려",
            "국토부 피해자 결정 기간",
            "피해자 결정 결과 언제 나와",
            "피해자 신청 결과 나오는 데 얼마나",
            "위원회 심의 기간",
            "how long does the fraud victim decision take",
        ),
        answer=(
            "국토교통부장관은 신청을 받은 날부터 30일 이내에 피해사실 조사를 마쳐야 하고, 위원회는 안건이 상정된 날부터 "
            "30일 이내에 심의·의결을 마쳐야 하며, 부득이하면 15일 이내에서 한 차례만 연장할 수 있어요 "
            f"({CITE} 제13조 ⑤, 제14조 ①·③)."
        ),
        answer_en=(
            "The ministry must finish its investigation within 30 days of the application, and the committee must "
            "decide within 30 days of the agenda, extendable once by up to 15 days "
            f"({CITE} 제13조 ⑤, 제14조 ①·③)."
        ),
        refs=(ArticleRef(LAW, 13, clauses=(5,)), ArticleRef(LAW, 14, clauses=(1, 3))),
    ),
    LegalIssue(
        key="fraud_objection",
        title="피해자 결정에 대한 이의신청",
        cues=(
            "피해자 결정에서 떨어졌는데 다시 신청",
            "피해자 인정 못 받았는데 다시",
            "피해자 결정 반려됐는데 이의",
            "victim application was rejected can i appeal",
            "not recognized as a victim apply again",
            "전세사기 피해자 불인정 이의신청",
            "피해자 결정 거부됨",
            "전세사기 부결 이의",
            "피해자 결정 다시 심사",
            "이의신청 기한 전세사기",
            "jeonse fraud decision appeal",
        ),
        answer=(
            "결정에 이의가 있으면 결정을 송달받은 날부터 30일 이내에 국토교통부장관에게 이의를 신청할 수 있고, 장관은 "
            f"신청을 받은 날부터 20일 이내에 위원회 재심의를 거쳐 결정해야 해요 ({CITE} 제15조 ①·②)."
        ),
        answer_en=(
            "An applicant may object to the Minister within 30 days of receiving the decision, and the Minister "
            f"must decide within 20 days after the committee re-reviews it ({CITE} 제15조 ①·②)."
        ),
        refs=(ArticleRef(LAW, 15, clauses=(1, 2)),),
    ),
    LegalIssue(
        key="fraud_support_deadline",
        title="피해자 지원 신청 기간",
        cues=(
            "전세사기 지원 신청 기한",
            "피해자 결정 후 언제까지 지원 신청",
            "전세사기 지원 3년",
            "경매 끝나고 지원 신청",
            "지원의 신청기간",
            "jeonse fraud support deadline",
            "how long do i have to apply for support",
            "apply for support after recognized as victim",
        ),
        answer=(
            "지원 신청은 전세사기피해자등으로 결정된 날부터 3년 이내에 해야 하고, 경매·공매 진행 등 부득이한 사유로 "
            f"그 안에 신청하지 못하면 경매·공매 절차가 끝난 날부터 1년 이내에 할 수 있어요 ({CITE} 제14조의2)."
        ),
        answer_en=(
            "Support must be applied for within 3 years of the decision, or, if an ongoing auction or public sale "
            f"prevented it, within 1 year after that procedure ends ({CITE} 제14조의2)."
        ),
        refs=(ArticleRef(LAW, 14, sub=2),),
    ),
    LegalIssue(
        key="fraud_support_center",
        title="전세피해지원센터 상담",
        cues=(
            "전세사기 상담 어디",
            "전세피해지원센터 상담",
            "계약 전 등기부 분석 상담",
            "전세 계약서 검토 상담",
            "전세사기 법률상담",
            "jeonse damage support center",
        ),
        answer=(
            "국토교통부령이 정하는 주택의 임차인은 피해자 요건과 관계없이 전세피해지원센터에 법률상담과 금융·주거지원 "
            "연계를 신청할 수 있고, 센터는 계약하려는 사람에게 등기사항증명서 권리관계 분석, 계약서 문구 검토, 안전한 "
            f"계약을 위한 주의사항 상담도 할 수 있어요 ({CITE} 제11조 ②·③)."
        ),
        answer_en=(
            "Tenants of housing set by ministerial ordinance may ask a jeonse damage support centre for legal "
            "advice and links to financial and housing help whatever their status, and the centre may also review "
            f"the register and contract wording for people about to sign ({CITE} 제11조 ②·③)."
        ),
        refs=(ArticleRef(LAW, 11, clauses=(2, 3)),),
    ),
    # --- Pausing auctions and tax sales, buying first ---------------------------------------------
    LegalIssue(
        key="fraud_auction_suspension",
        title="전세사기피해주택 경매 유예·정지",
        cues=(
            "전세사기 경매 유예",
            "경매 멈춰 달라",
            "매각기일 연기 신청",
            "집 경매 넘어갔는데 전세사기",
            "경매유예 기간",
            "경매 날짜 잡혔어 미룰 수",
            "경매 멈출 수 있나",
            "경매 중지 신청",
            "매각기일 다음주인데 막을 수",
            "stop the auction of my home",
            "postpone the auction date",
            "jeonse fraud auction suspension",
        ),
        answer=(
            "전세사기피해주택의 경매가 진행 중이면 전세사기피해자는 법원에 매각기일 지정 보류나 취소·변경 등 경매 "
            "유예·정지를 신청할 수 있고, 법원은 결정 신청만 한 임차인을 포함해 보증금을 못 받아 생계나 주거안정에 "
            "지장이 우려되면 이를 결정할 수 있어요. 기간은 유예·정지한 날의 다음 날부터 1년 이내이고 사유가 남아 "
            f"있으면 연장될 수 있어요 ({CITE} 제17조 ①·③·④)."
        ),
        answer_en=(
            "While the home is being auctioned, a victim may ask the court to hold, cancel or reschedule the sale "
            "date; the court may grant it, also for tenants who have only applied, where losing the deposit "
            "threatens their living, for up to 1 year from the next day, extendable "
            f"({CITE} 제17조 ①·③·④)."
        ),
        refs=(ArticleRef(LAW, 17, clauses=(1, 3, 4)),),
    ),
    LegalIssue(
        key="fraud_tax_sale_suspension",
        title="세금 체납 압류주택의 매각 유예",
        cues=(
            "세금 체납 압류 전세집 공매 유예",
            "국세 압류 매각 유예 전세사기",
            "지방세 체납 공매 중지",
            "집주인 세금 때문에 공매",
            "매각결정기일 전 유예 신청",
            "jeonse fraud tax sale suspension",
        ),
        answer=(
            "전세사기피해주택이 국세나 지방세 체납으로 압류되었거나 매각절차가 진행 중이면 전세사기피해자는 매각결정기일 "
            "전까지 관할 세무서장이나 지방자치단체의 장에게 매각 유예·정지(지방세는 중지)를 신청할 수 있고, 기간은 "
            f"유예·정지한 날의 다음 날부터 1년 이내예요 ({CITE} 제18조 ①·④, 제19조 ①·④)."
        ),
        answer_en=(
            "If the home is seized for the landlord's national or local taxes, a victim may ask the tax office or "
            "local government before the sale-decision date to defer or stop the sale, for up to 1 year from the "
            f"next day ({CITE} 제18조 ①·④, 제19조 ①·④)."
        ),
        refs=(ArticleRef(LAW, 18, clauses=(1, 4)), ArticleRef(LAW, 19, clauses=(1, 4))),
    ),
    LegalIssue(
        key="fraud_home_definition",
        title="특별법이 말하는 주택 (오피스텔 등 사실상 주거용)",
        cues=(
            "오피스텔 전세사기 특별법 적용",
            "주거용 오피스텔 피해주택",
            "근린생활시설 살았는데 전세사기",
            "공부상 주택 아닌데 특별법",
            "실제로 주거용으로 살았 특별법",
            "does the jeonse fraud act cover an officetel",
        ),
        answer=(
            "이 법의 주택은 주택임대차보호법의 주거용 건물을 말하고, 공부상 주거용 건물이 아니라도 계약 체결 당시 "
            "임대차목적물의 구조와 실질이 주거용 건물이고 임차인의 실제 용도가 주거용이면 포함돼요 "
            f"({CITE} 제2조)."
        ),
        answer_en=(
            "A home under this act is a residential building under the Housing Lease Protection Act, including one "
            "not registered as residential if, when the lease was signed, its structure and substance were "
            f"residential and the tenant actually lived there ({CITE} 제2조)."
        ),
        refs=(ArticleRef(LAW, 2, items=(1,)),),
    ),
    LegalIssue(
        key="fraud_priority_purchase",
        title="피해자의 우선매수권",
        cues=(
            "전세사기 우선매수권",
            "내가 사는 집 경매로 사기",
            "피해자 우선매수 신고",
            "공매 우선매수 신청",
            "최고가와 같은 가격으로 매수",
            "jeonse fraud priority purchase right",
            "세입자가 경매에서 먼저 살 권리",
            "can the tenant buy the home first at auction",
        ),
        answer=(
            "전세사기피해주택이 경매되면 전세사기피해자는 매각기일까지 보증을 제공하고 최고매수신고가격(없으면 "
            "최저매각가격)과 같은 가격으로 우선매수하겠다고 신고할 수 있고, 법원은 그 피해자에게 매각을 허가해야 해요. "
            "국세·지방세 공매에서도 매각결정기일 전까지 공매보증을 내고 같은 방식으로 우선매수를 신청할 수 있어요 "
            f"({CITE} 제20조 ①·②, 제21조 ①·②, 제22조 ①·②)."
        ),
        answer_en=(
            "At an auction of the home, a victim may post security by the sale date and claim it at the highest "
            "bid (or the minimum price if there is none), and the court must sell to the victim; the same right "
            f"applies in tax sales before the sale-decision date ({CITE} 제20조 ①·②, 제21조 ①·②, 제22조 ①·②)."
        ),
        refs=(
            ArticleRef(LAW, 20, clauses=(1, 2)),
            ArticleRef(LAW, 21, clauses=(1, 2)),
            ArticleRef(LAW, 22, clauses=(1, 2)),
        ),
    ),
    # --- Housing support ---------------------------------------------------------------------------
    LegalIssue(
        key="fraud_public_purchase",
        title="공공주택사업자(LH 등)의 피해주택 매입",
        cues=(
            "LH가 전세사기 집 매입",
            "LH가 전세사기 집 사준다",
            "LH가 피해주택 사들인다",
            "공공에서 피해주택 사준다",
            "공공주택사업자 매입 요청",
            "피해주택 매입 후 계속 거주",
            "전세사기 공공임대 10년",
            "경매차익 임대료",
            "LH 피해주택 공공임대 얼마나 살 수",
            "jeonse fraud public purchase",
            "살던 집을 LH가 사서 계속 살게",
            "LH가 집 사주면 몇 년 살 수",
            "LH가 매입하면 계속 거주",
            "LH buys the house so I can keep living there",
            "public housing corporation buys my rented home",
            "can LH buy the home I am renting",
            "공공에서 집을 사들여 그대로 살게",
            "우선매수권 LH한테 넘기면 계속 살 수",
            "우선매수권 양도 LH",
            "우선매수권 LH가 대신 행사",
            "hand my priority purchase right to LH and stay",
        ),
        answer=(
            "전세사기피해자는 공공주택사업자와 미리 협의해 피해주택 매입을 요청할 수 있고, 그러면 사업자가 보증의 "
            "제공 없이 우선 매수할 수 있는 권리를 행사할 수 있어요. 사업자가 경매·공매로 취득하면 "
            "공공임대주택으로 공급하되 그 피해자에게 우선 공급할 수 있으며 피해자는 최장 10년 거주할 수 있어요. 취득에 "
            "든 비용과 공공주택 특별법에 따라 매입했을 때의 금액 사이에 차액이 생기면 사업자는 이를 피해자의 임대료로 "
            f"써야 해요 ({CITE} 제25조 ①·②·④·⑦)."
        ),
        answer_en=(
            "A victim may ask a public housing provider, after consultation, to buy the home, and the provider "
            "may then exercise the priority purchase right without posting security; if it buys at "
            "auction or public sale it lets it as public rental housing, may offer it first to the victim for up "
            "to 10 years, and must use any gap between its cost and the standard purchase price for the victim's "
            f"rent ({CITE} 제25조 ①·②·④·⑦)."
        ),
        refs=(ArticleRef(LAW, 25, clauses=(1, 2, 4, 7)),),
    ),
    LegalIssue(
        key="fraud_public_rental",
        title="피해자 공공임대주택 우선 공급",
        cues=(
            "전세사기 공공임대 우선공급",
            "피해자 임대주택 지원",
            "경매 끝나고 살 집 없음",
            "낙찰 못 받아서 나가야 살 집",
            "집 비워야 하는데 살 집 지원",
            "공공임대 들어갈 수 있",
            "where do I live after the auction jeonse fraud",
            "전세사기 임대료 감면",
            "공공임대 10년 연장",
            "jeonse fraud public rental housing",
        ),
        answer=(
            "매입을 요청했지만 그 주택을 공급받지 못한 피해자, 경매·공매가 끝났지만 주택을 사지 못한 피해자 등에게 "
            "공공주택사업자는 공공임대주택을 우선 공급할 수 있고, 그 임차인은 최장 10년 거주할 수 있으며 사업자는 "
            "임대료를 감면할 수 있어요. "
            "10년 거주한 뒤에는 공공주택 특별법상 임대료 수준으로 최장 10년 더 거주할 수 있어요 "
            f"({CITE} 제25조의2 ①·②·③)."
        ),
        answer_en=(
            "Victims whose home was not bought for them, whose auction ended without them buying, and similar "
            "tenants may be offered public rental housing first for up to 10 years, possibly at reduced rent, and "
            f"after 10 years may stay up to 10 more at public-rental rent ({CITE} 제25조의2 ①·②·③)."
        ),
        refs=(ArticleRef(LAW, 25, sub=2, clauses=(1, 2, 3)),),
    ),
    LegalIssue(
        key="fraud_rent_reduction_funding",
        title="감면된 임대료의 재정 지원",
        cues=(
            "감면된 임대료 나라에서 지원",
            "임대료 감면 금액 지원",
            "감면 임대료 전액 지원",
            "공공주택사업자 재정 지원",
            "reduced rent paid by the state",
        ),
        answer=(
            "국가나 지방자치단체가 감면된 임대료 비용을 재정으로 지원할 때는 피해자가 공공임대주택에 사는 동안 내야 "
            f"할 임대료 중 감면된 금액을 전액 지원해요 ({CITE} 시행령 제4조의3 ①)."
        ),
        answer_en=(
            "When the state or a local government funds the reduced rent, it pays the full amount reduced for as "
            f"long as the victim lives in the public rental home ({CITE} 시행령 제4조의3 ①)."
        ),
        refs=(ArticleRef(DECREE, 4, sub=3, clauses=(1,)), ArticleRef(LAW, 25, sub=2, clauses=(2,))),
    ),
    # --- Money ------------------------------------------------------------------------------------
    LegalIssue(
        key="fraud_minimum_guarantee",
        title="임차보증금 최소보장(3분의 1)",
        cues=(
            "경매로 보증금 거의 못 받았는데 나라에서 보장",
            "국가에서 보증금 일부 보전",
            "정부가 보증금 일부라도 채워",
            "government guarantee part of my lost deposit",
            "전세사기 최소보장",
            "보증금 3분의 1 보장",
            "최소지원금 신청",
            "전세사기 보증금 일부라도 받기",
            "최소한으로 보장되는 금액",
            "보증금 거의 못 건졌어",
            "jeonse fraud minimum guarantee",
        ),
        answer=(
            "전세사기피해자 등(외국 국적자 제외)은 대항력·우선변제로 받은 돈, 보증금반환채권으로 변제받은 돈, 매입·"
            "공공임대 지원액의 합계가 보증금의 3분의 1에 못 미치면 그 부족분(최소지원금)을 국토교통부장관에게 신청할 수 "
            "있고, 장관은 신청일부터 90일 이내(한 차례 30일 이내 연장 가능)에 지급 여부를 결정해요. 피해주택을 직접 산 "
            "사람, 배당·배분요구를 하지 않은 사람, 선지급을 받은 사람은 신청할 수 없고, 최소지원금을 받으면 공공임대주택 "
            f"지원은 받을 수 없어요 ({CITE} 제25조의9 ①·②·③)."
        ),
        answer_en=(
            "Victims and certain affected tenants (not foreign nationals) whose recoveries and housing support add "
            "up to less than 3분의 1 of the deposit may claim the shortfall; the ministry decides within 90 days, "
            "extendable once by up to 30. Those who bought the home themselves, failed to file a distribution "
            "claim or took an advance cannot apply, and the payment rules out public rental support "
            f"({CITE} 제25조의9 ①·②·③)."
        ),
        refs=(ArticleRef(LAW, 25, sub=9, clauses=(1, 2, 3)),),
    ),
    LegalIssue(
        key="fraud_minimum_guarantee_advance",
        title="최소보장금 선지급",
        cues=(
            "최소보장금 선지급",
            "신탁사기 선지급",
            "전세사기 보증금 미리 받기",
            "선지급금 신청",
            "선지급 받으면 대항력 유지",
            "jeonse fraud advance payment",
        ),
        answer=(
            "최소보장피해자 중 적법한 임대권한이 없는 사람과 계약한 임차인(신탁사기피해자 포함) 등은 최소보장금의 전부나 "
            "일부를 미리 받을 수 있고, 장관은 신청일부터 90일 이내(한 차례 30일 이내 연장 가능)에 결정해요. 선지급을 "
            "받은 사람은 정산이 끝날 때까지 대항력을 유지해야 하고 공공임대주택 지원은 받을 수 없어요 "
            f"({CITE} 제25조의10 ①·②·③·④)."
        ),
        answer_en=(
            "Among those entitled to the minimum guarantee, tenants who leased from someone without authority "
            "(including trust-fraud victims) and others set by decree may get it in advance; the decision comes "
            "within 90 days, extendable once by up to 30, and recipients must keep their opposability until "
            f"settlement and forgo public rental support ({CITE} 제25조의10 ①·②·③·④)."
        ),
        refs=(ArticleRef(LAW, 25, sub=10, clauses=(1, 2, 3, 4)),),
    ),
    LegalIssue(
        key="fraud_financial_support",
        title="피해자 금융지원과 신용 회복",
        cues=(
            "전세사기 대출 지원",
            "전세사기 저리 대출",
            "전세대출 연체 기록 삭제",
            "전세사기 신용불량",
            "대위변제 등록 유예",
            "전세사기 주택도시기금 융자",
            "jeonse fraud loan support",
        ),
        answer=(
            "국가와 지방자치단체는 피해자의 긴박한 주거안정을 위해 자금을 융자하는 등 지원할 수 있고, 국가는 최우선변제를 "
            "받지 못해 시급한 지원이 필요한 피해자에게 주택도시기금에서 임대차 자금을 융자할 수 있어요. 보증금을 다 "
            "돌려받지 못한 피해자등의 전세대출 채무불이행·대위변제 등록은 신용정보집중기관 기준에 따라 유예하거나 삭제할 "
            f"수 있어요 ({CITE} 제27조 ①·②·③)."
        ),
        answer_en=(
            "The state and local governments may lend or otherwise help victims stay housed, the state may lend "
            "rent money from the housing fund to victims who got no small-deposit priority, and lenders may defer "
            "or erase default and subrogation records on jeonse loans of tenants not fully repaid "
            f"({CITE} 제27조 ①·②·③)."
        ),
        refs=(ArticleRef(LAW, 27, clauses=(1, 2, 3)),),
    ),
    LegalIssue(
        key="fraud_emergency_welfare",
        title="피해자 긴급복지 지원",
        cues=(
            "전세사기 긴급 생계지원",
            "긴급복지 전세사기",
            "당장 생활비 전세사기",
            "전세사기 가족 긴급지원",
            "긴급지원대상자",
            "jeonse fraud emergency welfare",
        ),
        answer=(
            "전세사기피해자, 제2조 제4호 다목의 임차인, 그리고 이들과 생계·주거를 같이 하는 가구원은 긴급복지지원법상 "
            "긴급지원대상자로 보고, 지원의 기준·기간·종류·방법은 긴급복지지원법에 따라요 "
            f"({CITE} 제28조 ①·②)."
        ),
        answer_en=(
            "Victims, the affected tenants under item 다 and members of their household are treated as eligible "
            "for emergency welfare, on the terms of the Emergency Welfare Support Act "
            f"({CITE} 제28조 ①·②)."
        ),
        refs=(ArticleRef(LAW, 28, clauses=(1, 2)),),
    ),
    LegalIssue(
        key="fraud_landlord_tax_apportionment",
        title="임대인 세금의 안분 징수 신청",
        cues=(
            "집주인 세금 체납 보증금보다 먼저",
            "국세 안분 신청",
            "지방세 안분",
            "집주인 세금 때문에 보증금 못 받아",
            "세금이 보증금보다 먼저 가져가",
            "국세 체납 공매 보증금",
            "landlord's unpaid taxes ahead of my deposit",
            "당해세 전세사기",
            "landlord tax apportionment jeonse",
        ),
        answer=(
            "임대인이 2개 이상 주택을 갖고 있고 피해자 보증금보다 먼저 징수될 국세·지방세가 있으면, 피해자 등은 관할 "
            "세무서장·지방자치단체의 장, 경매법원 또는 한국자산관리공사에 안분 적용을 신청할 수 있고, 그러면 그 세금을 "
            "임대인의 모든 주택에 가격비율대로 나눠 징수할 수 있어요. 그 주택에 부과된 국세(국세기본법 제35조 ③)와 "
            f"재산세 등 일부 지방세는 안분 대상에서 빠져요 ({CITE} 제23조 ①·②·③, 제24조 ①·②·③)."
        ),
        answer_en=(
            "If the landlord owns 2 or more homes and owes national or local taxes ranking ahead of the deposit, "
            "victims may apply to the tax office, local government, auction court or KAMCO to have those taxes "
            "spread over all the landlord's homes by value; national taxes levied on that home and its property "
            "tax and certain related local taxes are not spread "
            f"({CITE} 제23조 ①·②·③, 제24조 ①·②·③)."
        ),
        refs=(
            ArticleRef(LAW, 23, clauses=(1, 2, 3)),
            ArticleRef(LAW, 24, clauses=(1, 2, 3)),
        ),
    ),
    LegalIssue(
        key="fraud_auction_service",
        title="주택도시보증공사의 경매·공매 지원서비스",
        cues=(
            "전세사기 경매 대행",
            "경매 절차 도와주는 곳",
            "HUG 경매 지원서비스",
            "공매 지원 서비스 전세사기",
            "경매 비용 지원",
            "jeonse fraud auction support service",
        ),
        answer=(
            "주택도시보증공사는 전세사기피해자의 신청을 받아 경매나 국세·지방세 매각절차와 관련한 경매·공매 "
            "지원서비스를 제공할 수 있고, 국가는 그 비용 일부를 주택도시기금으로 지원할 수 있어요 "
            f"({CITE} 제26조 ①·②)."
        ),
        answer_en=(
            "On a victim's request, the Korea Housing & Urban Guarantee Corporation may provide support with "
            "auctions and tax sales, and the state may fund part of the cost from the housing fund "
            f"({CITE} 제26조 ①·②)."
        ),
        refs=(ArticleRef(LAW, 26, clauses=(1, 2)),),
    ),
    LegalIssue(
        key="fraud_deposit_survives_bankruptcy",
        title="임대인 파산 면책과 피해자 보증금",
        cues=(
            "집주인 파산하면 보증금 못 받아",
            "임대인 파산 면책 보증금",
            "집주인 회생 신청 보증금",
            "파산 면책돼도 보증금 청구",
            "비면책채권 보증금",
            "landlord bankruptcy deposit",
        ),
        answer=(
            "전세사기피해주택에 대한 피해자등의 보증금은 채무자회생법상 우선변제권이 인정되는 한도 안에서 임대인이 "
            f"면책을 받아도 책임이 면제되지 않는 청구권으로 봐요 ({CITE} 제25조의13)."
        ),
        answer_en=(
            "Within the amount that has priority under the insolvency act, a victim's deposit on the affected home "
            f"is treated as a claim that survives the landlord's discharge ({CITE} 제25조의13)."
        ),
        refs=(ArticleRef(LAW, 25, sub=13),),
    ),
)
