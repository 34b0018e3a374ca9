"""공인중개사법 (+ 시행령, 시행규칙): what people ask about their 중개사.

Fees first (who sets them, how the deal amount is counted, when a fee is owed), then what the broker
must do (explain, write the contract, insure against damage), what the broker must not do, and
brokering without registration. The housing fee rates themselves sit in 시행규칙 별표 1 and each
시·도 조례, which are not in the loaded text: answers point there and state no housing rate. The
non-housing ceiling (1천분의 9) is in the 시행규칙 body itself and is quoted from there.
"""

from __future__ import annotations

from agents.tools.legal_issues.types import ArticleRef, LegalIssue

LAW = "공인중개사법"
DECREE = "공인중개사법시행령"
RULE = "공인중개사법시행규칙"

ISSUES: tuple[LegalIssue, ...] = (
    # --- Fees -----------------------------------------------------------------------------------
    LegalIssue(
        key="brokerage_fee_where_set",
        title="중개보수(복비)는 어디서 정하나",
        cues=(
            "복비 얼마",
            "중개수수료 얼마",
            "부동산 수수료 요율",
            "중개보수 상한",
            "전세 복비",
            "매매 복비",
            "월세 복비 얼마",
            "중개보수 요율표",
            "복비 양쪽 다 내",
            "복비 얼마까지 받을 수",
            "highest commission allowed",
            "brokerage fee",
            "realtor commission rate",
        ),
        answer=(
            "개업공인중개사는 중개의뢰인에게서 보수를 받는데, 주택 중개보수는 국토교통부령이 정한 범위 안에서 "
            "시·도 조례로, 주택 외 중개대상물 보수는 국토교통부령으로 정해요. 주택 보수는 의뢰인 쌍방에게서 각각 "
            "받되 한쪽에서 받을 한도는 시행규칙 별표 1에 있고, 시·도 조례의 요율한도 안에서 의뢰인과 중개사가 "
            "협의해 정해요 (공인중개사법 제32조 ①·④, 같은 법 시행규칙 제20조 ①)."
        ),
        answer_en=(
            "Brokers are paid by their clients: housing fees are set by each province's ordinance within the "
            "ministry's limits, other fees by ministerial ordinance; a housing fee is charged to each side, capped "
            "per side by annex 1 of the enforcement rules, and agreed within the ordinance's rate limit "
            "(공인중개사법 제32조 ①·④, 같은 법 시행규칙 제20조 ①)."
        ),
        refs=(
            ArticleRef(LAW, 32, clauses=(1, 4)),
            ArticleRef(RULE, 20, clauses=(1,)),
        ),
        next_steps=(
            (
                "중개사무소 안에 게시된 중개보수·실비의 요율 및 한도액표를 확인하세요.",
                ArticleRef(RULE, 10, items=(2,)),
            ),
            (
                "중개대상물 확인·설명 때 중개보수와 실비의 금액, 산출내역을 설명받으세요.",
                ArticleRef(DECREE, 21, clauses=(1,), items=(3,)),
            ),
        ),
    ),
    LegalIssue(
        key="brokerage_fee_rent_deal_amount",
        title="월세 중개보수의 거래금액 계산",
        cues=(
            "월세 복비 계산법",
            "월세 중개보수 거래금액",
            "보증금 월세 복비 환산",
            "월세 곱하기 100 복비",
            "월세 곱하기 70",
            "반전세 복비 계산",
            "rent brokerage fee deal amount",
        ),
        answer=(
            "보증금 외에 월세가 있는 임대차의 중개보수 거래금액은 월세에 100을 곱해 보증금에 더한 금액이고, 그 합이 "
            "5천만원 미만이면 월세에 70을 곱해 보증금에 더한 금액으로 해요 "
            "(공인중개사법 시행규칙 제20조 ⑤ 제1호)."
        ),
        answer_en=(
            "For a lease with monthly rent, the deal amount for the fee is the deposit plus rent × 100, or deposit "
            "plus rent × 70 if that sum is under 5천만원 (공인중개사법 시행규칙 제20조 ⑤ 제1호)."
        ),
        refs=(ArticleRef(RULE, 20, clauses=(5,), items=(1,)),),
    ),
    LegalIssue(
        key="brokerage_fee_non_housing",
        title="상가·토지·오피스텔 중개보수",
        cues=(
            "상가 복비 얼마",
            "상가 중개수수료",
            "토지 복비",
            "사무실 중개보수",
            "오피스텔 복비",
            "주상복합 중개보수 기준",
            "commercial property brokerage fee",
        ),
        answer=(
            "주택 외 중개대상물의 중개보수는 의뢰인 쌍방에게서 각각 받되 거래금액의 1천분의 9 이내에서 의뢰인과 "
            "중개사가 협의해 정하고, 전용 85제곱미터 이하이며 전용 부엌·화장실 등을 갖춘 오피스텔은 별표 2의 요율 "
            "범위에서 정해요. 건축물 중 주택 면적이 2분의 1 이상이면 주택 중개보수 규정을 적용해요 "
            "(공인중개사법 시행규칙 제20조 ④·⑥)."
        ),
        answer_en=(
            "For non-housing property the fee is charged to each side and agreed within 1천분의 9 of the deal "
            "amount; officetels of at most 85 square metres with their own kitchen and bathroom follow the rates "
            "in annex 2, and a building that is 2분의 1 or more housing by area follows the housing fee rules "
            "(공인중개사법 시행규칙 제20조 ④·⑥)."
        ),
        refs=(ArticleRef(RULE, 20, clauses=(4, 6)),),
    ),
    LegalIssue(
        key="brokerage_fee_office_location",
        title="중개사무소와 집이 다른 지역일 때 중개보수 기준",
        cues=(
            "중개사무소가 다른 지역",
            "부동산 사무실이 다른 시",
            "다른 지역 부동산 복비 기준",
            "집은 서울인데 중개사무소는 경기",
            "어느 지역 조례 복비",
            "중개사무소 소재지 조례",
            "agent's office is in another city",
            "broker office in a different province whose fee rules",
            "which city's fee ordinance applies",
        ),
        answer=(
            "중개대상물의 소재지와 중개사무소의 소재지가 다르면 개업공인중개사는 중개사무소 소재지를 관할하는 "
            "시·도의 조례에서 정한 기준에 따라 중개보수와 실비를 받아야 해요 (공인중개사법 시행규칙 제20조 ③)."
        ),
        answer_en=(
            "Where the property and the broker's office are in different places, the broker charges the fee and "
            "expenses by the ordinance of the province or city where the office is (공인중개사법 시행규칙 제20조 ③)."
        ),
        refs=(ArticleRef(RULE, 20, clauses=(3,)),),
    ),
    LegalIssue(
        key="brokerage_fee_when_owed",
        title="계약이 깨졌을 때 복비",
        cues=(
            "계약 깨졌는데 복비 줘야 해",
            "중개사 잘못으로 계약 무효 복비",
            "계약 해제 중개수수료 환불",
            "brokerage fee when contract cancelled",
        ),
        answer=(
            "중개사의 고의나 과실로 거래가 무효·취소·해제되면 중개보수를 받을 수 없어요. 보수 지급 시기는 약정에 "
            "따르고, 약정이 없으면 거래대금 지급이 끝난 날이에요 "
            "(공인중개사법 제32조 ①·③, 같은 법 시행령 제27조의2)."
        ),
        answer_en=(
            "No fee is owed if the deal is void, annulled or rescinded through the broker's intent or negligence; "
            "the fee is due when agreed, or otherwise on the day the price is fully paid "
            "(공인중개사법 제32조 ①·③, 같은 법 시행령 제27조의2)."
        ),
        refs=(ArticleRef(LAW, 32, clauses=(1, 3)), ArticleRef(DECREE, 27, sub=2)),
    ),
    # When the fee is paid is the decree's rule (법 제32조 ③ leaves it to 시행령 제27조의2).
    LegalIssue(
        key="brokerage_fee_payment_time",
        title="복비(중개보수) 지급 시기",
        cues=(
            "복비 언제 주는 거",
            "복비 잔금 때 줘",
            "복비 계약서 쓸 때 줘",
            "중개보수 지급시기",
            "중개수수료 언제 내",
            "잔금 전에 복비 달래",
            "when do i pay the broker fee",
            "broker fee due date",
            "pay the realtor at signing or when the balance is paid",
        ),
        answer=(
            "중개보수 지급시기는 개업공인중개사와 중개의뢰인 사이의 약정에 따르고, 약정이 없으면 거래대금 지급이 "
            "완료된 날이에요 (공인중개사법 시행령 제27조의2, 공인중개사법 제32조 ③)."
        ),
        answer_en=(
            "The brokerage fee is due when the broker and the client agreed, or otherwise on the day the price is "
            "fully paid (공인중개사법 시행령 제27조의2, 공인중개사법 제32조 ③)."
        ),
        refs=(ArticleRef(DECREE, 27, sub=2), ArticleRef(LAW, 32, clauses=(3,))),
    ),
    LegalIssue(
        key="brokerage_fee_overcharge",
        title="법정 중개보수 초과 요구",
        cues=(
            "복비 더 달래",
            "중개보수 초과 요구",
            "사례비 달라는 중개사",
            "복비 말고 사례비 따로 달래",
            "법정 복비보다 많이 받음",
            "수고비 따로 달래",
            "법정 상한보다 더 받았",
            "brokerage overcharge",
            "agent charged more than the legal fee",
            "commission above the legal limit",
        ),
        answer=(
            "개업공인중개사등은 사례·증여 그 밖의 어떤 명목으로도 법정 보수나 실비를 넘는 금품을 받아서는 안 되고, "
            "어기면 1년 이하의 징역 또는 1천만원 이하의 벌금 대상이에요 "
            "(공인중개사법 제33조 ① 제3호, 제49조 ① 제10호)."
        ),
        answer_en=(
            "Brokers may not take anything beyond the statutory fee and expenses under any name, on pain of up to "
            "1 year in prison or a fine of up to 1천만원 (공인중개사법 제33조 ① 제3호, 제49조 ① 제10호)."
        ),
        refs=(
            ArticleRef(LAW, 33, clauses=(1,), items=(3,)),
            ArticleRef(LAW, 49, clauses=(1,), items=(10,)),
        ),
    ),
    # --- What the broker must do ----------------------------------------------------------------
    LegalIssue(
        key="brokerage_explanation_duty",
        title="중개대상물 확인·설명 의무",
        cues=(
            "중개사가 설명 안 해줬어",
            "확인설명서",
            "중개대상물 확인 설명",
            "등기부 설명 안 함",
            "근저당 설명 안 해줌",
            "중개사 설명의무",
            "확인설명서 보관 기간",
            "broker duty to explain",
            "중개사가 설명해야 하는 것",
            "중개사 설명 항목",
            "what must the agent explain",
            "agent written explanation of the property",
            "agent required to explain the property condition",
            "confirmation and explanation document",
        ),
        answer=(
            "개업공인중개사는 중개가 완성되기 전에 중개대상물의 상태·입지·권리관계, 법령상 거래·이용 제한 등을 "
            "확인해 권리를 취득하려는 의뢰인에게 성실·정확하게 설명하고 등기사항증명서 등 근거자료를 보여줘야 하며, "
            "계약서를 쓸 때 확인·설명서를 교부하고 3년간 보존해야 해요. 이를 어겨 성실·정확하게 설명하지 않거나 "
            "근거자료를 보여주지 않으면 500만원 이하의 과태료 대상이에요 "
            "(공인중개사법 제25조 ①·③, 같은 법 시행령 제21조 ①·④, 법 제51조 ②)."
        ),
        answer_en=(
            "Before closing, the broker must check and faithfully explain the property's condition, location, "
            "rights and legal restrictions to the acquiring client with supporting records such as the register, "
            "then hand over a written explanation and keep it 3 years; failing to explain or show the records is "
            "subject to a fine of up to 500만원 "
            "(공인중개사법 제25조 ①·③, 같은 법 시행령 제21조 ①·④, 법 제51조 ②)."
        ),
        refs=(
            ArticleRef(LAW, 25, clauses=(1, 3)),
            ArticleRef(DECREE, 21, clauses=(1, 4)),
            ArticleRef(LAW, 51, clauses=(2,)),
        ),
        next_steps=(
            (
                "잘못된 설명으로 재산상 손해를 입었다면 중개사에게 손해배상을 청구할 수 있어요.",
                ArticleRef(LAW, 30, clauses=(1,)),
            ),
        ),
    ),
    LegalIssue(
        key="brokerage_housing_lease_explanation",
        title="주택 임대차 중개 때 설명할 사항",
        cues=(
            "부동산이 세금 체납 열람 설명 안 해줬",
            "중개할 때 미납세금 열람 설명해줘야",
            "중개사가 확정일자 정보 요청할 수 있다고 설명 안 함",
            "전세 계약 때 중개사가 설명해야 할 것",
            "중개사가 체납세금 설명",
            "확정일자 정보 요청 설명",
            "중개사가 체납 열람 얘기 안 했",
            "체납 열람 확정일자 정보 얘기 안 했",
            "broker explanation housing lease",
        ),
        answer=(
            "주택 임대차를 중개할 때 개업공인중개사는 확정일자부여기관에 정보제공을 요청할 수 있다는 점과 임대인의 "
            "미납 국세·지방세 열람을 신청할 수 있다는 점을 설명해야 해요. 관리비 금액과 산출내역, 임대인의 정보 "
            "제시 의무와 소액보증금 보호, 전입세대확인서 열람·교부, 민간임대주택이면 임대보증금 보증도 확인·설명 "
            "대상이에요 (공인중개사법 제25조의3, 같은 법 시행령 제21조 ①)."
        ),
        answer_en=(
            "When brokering a housing lease the broker must explain that the tenant can request fixed-date "
            "records and inspect the landlord's unpaid national and local taxes, and must also cover maintenance "
            "fees, the landlord's disclosure duty, small-deposit protection, the move-in household check and, for "
            "private rental housing, the deposit guarantee (공인중개사법 제25조의3, 같은 법 시행령 제21조 ①)."
        ),
        refs=(ArticleRef(LAW, 25, sub=3), ArticleRef(DECREE, 21, clauses=(1,))),
    ),
    LegalIssue(
        key="brokerage_contract_document",
        title="거래계약서 작성·교부와 이중계약서 금지",
        cues=(
            "중개사가 계약서 안 줌",
            "거래계약서 보관 기간",
            "agent didn't give me a copy of the contract",
            "broker must hand over the signed contract",
            "계약서 두 개 작성",
            "중개사가 계약서 두 개 쓰재",
            "중개사 업계약서 작성",
            "거래금액 거짓 기재",
            "broker contract document",
        ),
        answer=(
            "중개가 완성되면 개업공인중개사는 거래계약서를 작성해 거래당사자에게 교부하고 5년간 보존해야 하며, "
            "거래금액 등을 거짓으로 적거나 서로 다른 둘 이상의 거래계약서를 작성해서는 안 돼요 "
            "(공인중개사법 제26조 ①·③, 같은 법 시행령 제22조 ①·②)."
        ),
        answer_en=(
            "On closing, the broker must draw up the contract, give it to both parties and keep it 5 years, and "
            "may not misstate the price or prepare two or more differing contracts "
            "(공인중개사법 제26조 ①·③, 같은 법 시행령 제22조 ①·②)."
        ),
        refs=(ArticleRef(LAW, 26, clauses=(1, 3)), ArticleRef(DECREE, 22, clauses=(1, 2))),
    ),
    LegalIssue(
        key="brokerage_damages_guarantee",
        title="중개사 손해배상책임과 보증(공제)",
        cues=(
            "중개사 잘못으로 손해",
            "중개사 손해배상",
            "공제금 청구",
            "중개사 보증보험",
            "공인중개사 책임",
            "중개 사고 배상",
            "broker liability insurance",
            "중개사한테 배상",
            "중개사 설명 안 해줘서 손해",
            "hold the agent liable",
            "agent never told us",
            "sue the agent",
            "부동산 사고나면 보상 보험",
            "중개사무소 보험 얼마짜리",
            "부동산 보험 얼마 들어야",
            "개인 중개사무소 보증 금액",
            "중개법인 공제 가입 금액",
            "how much insurance must a real estate agent carry",
            "agent's liability insurance amount",
        ),
        answer=(
            "개업공인중개사가 중개행위에서 고의나 과실로 거래당사자에게 재산상 손해를 입히면 배상해야 하고, 이를 "
            "위해 보증보험·공제 가입이나 공탁을 해야 하며 보장금액은 법인 4억원 이상(분사무소마다 2억원 이상 추가), "
            "법인이 아닌 중개사 2억원 이상이에요. 보증기관에 보험금·공제금을 청구하려면 손해배상합의서, 화해조서, "
            "확정판결문 사본 등을 첨부해야 해요 "
            "(공인중개사법 제30조 ①·③, 같은 법 시행령 제24조 ①, 제26조 ①)."
        ),
        answer_en=(
            "A broker who causes financial loss through intent or negligence must pay damages and must carry "
            "guarantee insurance, mutual-aid cover or a deposit of at least 4억원 for a corporation (plus 2억원 "
            "per branch) or 2억원 otherwise; a claim on it needs a settlement, court settlement record or final "
            "judgment (공인중개사법 제30조 ①·③, 같은 법 시행령 제24조 ①, 제26조 ①)."
        ),
        refs=(
            ArticleRef(LAW, 30, clauses=(1, 3)),
            ArticleRef(DECREE, 24, clauses=(1,)),
            ArticleRef(DECREE, 26, clauses=(1,)),
        ),
        next_steps=(
            (
                "중개 완료 때 받은 손해배상책임 보장 증서 사본에서 보장금액, 보증기관, 보장기간을 확인하세요.",
                ArticleRef(LAW, 30, clauses=(5,)),
            ),
        ),
    ),
    LegalIssue(
        key="brokerage_escrow",
        title="계약금 등의 예치(에스크로)",
        cues=(
            "계약금 에스크로",
            "계약금 중개사 예치",
            "계약금 안전하게 맡기기",
            "계약금 떼일까 걱정",
            "잔금 예치",
            "deposit escrow broker",
            "escrow account instead of the seller",
            "에스크로 계좌",
        ),
        answer=(
            "개업공인중개사는 거래 안전을 위해 필요하면 계약 이행이 끝날 때까지 계약금·중도금·잔금을 중개사나 "
            "은행·보험회사·신탁업자 등의 명의로 금융기관 등에 예치하라고 거래당사자에게 권고할 수 있어요. 중개사 "
            "명의로 예치하면 자기 돈과 분리해 관리하고 거래당사자 동의 없이 인출해서는 안 돼요 "
            "(공인중개사법 제31조 ①, 같은 법 시행령 제27조 ①·③)."
        ),
        answer_en=(
            "For safety a broker may recommend that deposits and payments be held by a financial institution in "
            "the broker's or a bank, insurer or trust company's name until the deal completes; money held in the "
            "broker's name must be kept separate and not withdrawn without the parties' consent "
            "(공인중개사법 제31조 ①, 같은 법 시행령 제27조 ①·③)."
        ),
        refs=(ArticleRef(LAW, 31, clauses=(1,)), ArticleRef(DECREE, 27, clauses=(1, 3))),
    ),
    LegalIssue(
        key="brokerage_exclusive_listing",
        title="전속중개계약",
        cues=(
            "전속중개계약",
            "한 부동산에만 매물 맡기기",
            "한 부동산에만 전속으로 내놓",
            "전속중개 몇 달 묶이",
            "전속중개계약 기간",
            "exclusive listing how long",
            "전속중개 기간",
            "전속중개 정보 공개",
            "독점 중개 계약",
            "exclusive listing agreement",
        ),
        answer=(
            "중개의뢰인은 특정 개업공인중개사에게만 중개를 맡기는 전속중개계약을 맺을 수 있고, 유효기간은 다른 약정이 "
            "없으면 3월이에요. 중개사는 의뢰인이 비공개를 요청하지 않으면 부동산거래정보망이나 일간신문에 매물 정보를 "
            "공개해야 해요 (공인중개사법 제23조 ①·③, 같은 법 시행령 제20조 ①)."
        ),
        answer_en=(
            "A client may give one broker an exclusive listing, valid 3 months unless agreed otherwise, and the "
            "broker must publish the listing on a listing network or daily paper unless the client asks not to "
            "(공인중개사법 제23조 ①·③, 같은 법 시행령 제20조 ①)."
        ),
        refs=(ArticleRef(LAW, 23, clauses=(1, 3)), ArticleRef(DECREE, 20, clauses=(1,))),
    ),
    # --- What the broker must not do --------------------------------------------------------------
    LegalIssue(
        key="brokerage_prohibited_acts",
        title="중개사의 금지행위",
        cues=(
            "부동산 사장이 자기가 직접 사겠대",
            "중개사가 그 집을 본인이 산대",
            "agent wants to buy my apartment himself",
            "중개사가 거짓말했어",
            "중개사가 직접 거래",
            "중개사 쌍방대리",
            "중개사가 매물 사버림",
            "중개사가 자기 집 팔려고",
            "중개사 본인 소유 매물 직접 판매",
            "중개사 금지행위",
            "중개사가 시세 조작",
            "중개사 담합",
            "broker prohibited acts",
            "agent buy my apartment directly from me",
            "broker wants to buy the listing himself",
        ),
        answer=(
            "개업공인중개사등은 중개대상물 매매업, 무등록 중개업자임을 알면서 그를 통해 중개를 의뢰받거나 명의를 "
            "빌려주는 행위, 법정 보수 초과 수수, 거짓 언행으로 의뢰인 "
            "판단을 그르치는 행위, 의뢰인과의 직접 거래나 쌍방 대리, 투기 조장, 거짓 거래완료 등 시세 교란, 단체를 "
            "통한 중개 제한을 해서는 안 돼요. 보수 초과 수수나 거짓 언행은 1년 이하의 징역 또는 1천만원 이하의 "
            "벌금, 직접 거래·쌍방 대리나 시세 교란은 3년 이하의 징역 또는 3천만원 이하의 벌금 대상이에요 "
            "(공인중개사법 제33조 ①, 제48조, 제49조 ①)."
        ),
        answer_en=(
            "Brokers may not trade property as a business, work through unregistered brokers, overcharge, mislead "
            "clients, deal directly with or represent both sides, fuel speculation, distort prices with fake deals "
            "or restrict brokering through groups; overcharging or misleading carries up to 1 year or 1천만원, "
            "direct dealing, dual agency or price distortion up to 3 years or 3천만원 "
            "(공인중개사법 제33조 ①, 제48조, 제49조 ①)."
        ),
        refs=(
            ArticleRef(LAW, 33, clauses=(1,)),
            ArticleRef(LAW, 48),
            ArticleRef(LAW, 49, clauses=(1,)),
        ),
    ),
    LegalIssue(
        key="brokerage_false_listing",
        title="허위매물·부당한 표시광고",
        cues=(
            "허위매물",
            "미끼매물",
            "없는 매물 광고",
            "가격 거짓 광고",
            "부동산 앱 허위 광고",
            "중개사 아닌 사람이 매물 광고",
            "fake listing",
            "listing that does not exist",
            "agent posted listing doesn't exist",
            "advertised at a much lower price",
            "listing was just gone",
        ),
        answer=(
            "개업공인중개사는 존재하지 않아 실제로 거래할 수 없는 매물이나 가격 등을 사실과 다르게 거짓·과장한 표시·"
            "광고 등 부당한 광고를 해서는 안 되고, 어기면 500만원 이하의 과태료 대상이에요. 개업공인중개사가 아닌 "
            "사람은 중개대상물 표시·광고를 할 수 없어요 (공인중개사법 제18조의2 ③·④, 제51조 ②)."
        ),
        answer_en=(
            "Brokers may not advertise listings that do not exist or misstate or exaggerate prices and the like, "
            "on pain of a fine of up to 500만원, and only registered brokers may advertise listings at all "
            "(공인중개사법 제18조의2 ③·④, 제51조 ②)."
        ),
        refs=(ArticleRef(LAW, 18, sub=2, clauses=(3, 4)), ArticleRef(LAW, 51, clauses=(2,))),
    ),
    LegalIssue(
        key="brokerage_assistant_disclosure",
        title="중개보조원의 신분 고지",
        cues=(
            "실장이라는 사람이 집 보여줬는데 중개사 아니었",
            "집 보여준 직원이 자격증 없는 사람",
            "보조원이라고 미리 말 안 해줬",
            "중개보조원인지 안 밝혔",
            "the person who showed me the flat was not a licensed agent",
            "assistant showed me around without saying",
            "중개보조원",
            "공인중개사 아닌 직원이 안내",
            "실장님이 계약 진행",
            "중개보조원 고지 의무",
            "중개사 자격 없는 직원",
            "broker assistant disclosure",
            "assistant not a licensed agent",
            "showed me the apartment was an assistant",
            "agent's assistant must tell",
        ),
        answer=(
            "중개보조원은 현장안내 등 단순 업무를 보조하는 사람으로, 중개업무를 보조할 때 자신이 중개보조원이라는 "
            "사실을 의뢰인에게 미리 알려야 해요. 알리지 않으면 그 보조원과 소속 개업공인중개사에게 500만원 이하의 "
            "과태료가 부과될 수 있고, 중개사가 주의와 감독을 게을리하지 않았다면 중개사는 제외돼요 "
            "(공인중개사법 제18조의4, 제2조, 제51조 ②)."
        ),
        answer_en=(
            "A broker's assistant only helps with viewings and simple tasks and must tell clients up front that "
            "they are an assistant; otherwise the assistant and the employing broker (unless the broker "
            "supervised with due care) face a fine of up to 500만원 (공인중개사법 제18조의4, 제2조, 제51조 ②)."
        ),
        refs=(
            ArticleRef(LAW, 18, sub=4),
            ArticleRef(LAW, 2, items=(6,)),
            ArticleRef(LAW, 51, clauses=(2,)),
        ),
    ),
    LegalIssue(
        key="brokerage_office_display",
        title="진짜 중개사인지 확인 (사무소에 건 등록증·자격증, 명칭)",
        cues=(
            "공인중개사 자격 있는지 확인",
            "진짜 공인중개사인지 확인",
            "중개사무소 등록증 게시",
            "사무소에 등록증 걸려 있어야",
            "자격증 원본 게시",
            "부동산 사장님 자격증 있는지",
            "공인중개사사무소 명칭",
            "부동산중개 간판",
            "등록증 안 붙어",
            "등록증 안 걸려",
            "사무소 벽에 등록증 없",
            "등록증 안 붙은 불법업체",
            "registration certificate posted",
            "no registration certificate on the wall",
            "check the agent is licensed",
            "is this person really a licensed agent",
            "registration certificate displayed in the office",
            "how do I know the realtor is licensed",
        ),
        answer=(
            "개업공인중개사는 중개사무소등록증·중개보수표 등을 사무소 안 보기 쉬운 곳에 게시해야 하고, 게시할 것에는 "
            "중개사무소등록증 원본, 개업공인중개사와 소속공인중개사의 공인중개사자격증 원본이 들어가요. 사무소 "
            '명칭에는 "공인중개사사무소"나 "부동산중개"라는 문자를 써야 하고, 개업공인중개사가 아닌 사람은 이런 '
            "명칭을 쓸 수 없어요 (공인중개사법 제17조, 제18조 ①·②, 같은 법 시행규칙 제10조)."
        ),
        answer_en=(
            "A registered broker must display the office registration certificate, the fee table and other set "
            "items where they are easy to see in the office, including the original registration certificate and "
            "the original licences of the broker and affiliated licensed agents; the office name must say it is a "
            "licensed agent's office or a real estate brokerage, and no one else may use such a name "
            '(공인중개사법 제17조, 제18조 ①·② — "공인중개사사무소", "부동산중개"; 같은 법 시행규칙 제10조).'
        ),
        refs=(
            ArticleRef(LAW, 17),
            ArticleRef(LAW, 18, clauses=(1, 2)),
            ArticleRef(RULE, 10, items=(1, 2, 3)),
        ),
        next_steps=(("등록 없이 중개하면 처벌 대상", ArticleRef(LAW, 9, clauses=(1,))),),
    ),
    LegalIssue(
        key="brokerage_unregistered",
        title="무등록 중개와 자격증·등록증 대여",
        cues=(
            "broker was not registered do i still have to pay",
            "무등록 중개",
            "공인중개사 아닌 사람이 중개",
            "컨설팅업체가 중개",
            "중개사무소 등록 확인",
            "자격증 빌려서 중개",
            "불법 중개업자",
            "unlicensed broker",
            "자격 없는 사람이 중개하고 수수료 받",
            "중개사 자격 없는 사람이 소개해주고 수수료",
            "등록 안 한 사람이 방 소개하고 수수료",
            "someone without a licence took a brokerage fee",
        ),
        answer=(
            "중개업을 하려면 중개사무소를 둘 지역의 시장·군수·구청장에게 개설등록을 해야 하고, 등록 없이 중개업을 "
            "하면 3년 이하의 징역 또는 3천만원 이하의 벌금에 처해져요. 남의 공인중개사자격증이나 중개사무소등록증을 "
            "빌려 중개업무를 하는 것도 금지돼요 (공인중개사법 제9조 ①, 제48조, 제7조, 제19조)."
        ),
        answer_en=(
            "Brokering requires registering an office with the city, county or district; brokering unregistered "
            "carries up to 3 years in prison or a fine of up to 3천만원, and using someone else's licence or "
            "registration is also banned (공인중개사법 제9조 ①, 제48조, 제7조, 제19조)."
        ),
        refs=(
            ArticleRef(LAW, 9, clauses=(1,)),
            ArticleRef(LAW, 48, items=(1,)),
            ArticleRef(LAW, 7, clauses=(1, 2)),
            ArticleRef(LAW, 19, clauses=(1, 2)),
        ),
    ),
    # --- What the broker must explain, item by item (the decree's list) ---------------------------
    LegalIssue(
        key="brokerage_explanation_items",
        title="중개사가 확인·설명할 항목 (관리비·전입세대확인서 등)",
        cues=(
            "관리비 설명 중개사",
            "관리비 얼마인지 설명 안 해줬",
            "중개사가 관리비 안 알려줬",
            "전입세대확인서 설명",
            "최우선변제 설명 중개사",
            "확인설명 항목",
            "확인 설명 항목 뭐뭐",
            "중개사가 설명해야 하는 항목",
            "broker did not explain the maintenance fee",
            "agent never told me the maintenance fee",
            "what items must the agent explain",
        ),
        answer=(
            "개업공인중개사는 중개가 완성되기 전에 중개대상물의 상태·입지·권리관계 등을 확인해 권리를 취득하려는 "
            "의뢰인에게 성실·정확하게 설명하고 근거자료를 제시해야 해요. 설명할 사항에는 거래예정금액·중개보수와 그 "
            "산출내역, 관리비 금액과 그 산출내역, 시설물과 벽면·도배 상태가 들어가고, 주택 임대차 중개라면 임대인의 "
            "정보 제시 의무와 보증금 중 일정액의 보호, 전입세대확인서의 열람·교부에 관한 사항도 들어가요 "
            "(공인중개사법 시행령 제21조 ①, 같은 법 제25조 ①)."
        ),
        answer_en=(
            "Before the deal is done the broker must check and explain, truthfully and with the supporting "
            "documents, the property's condition, location and rights; the list includes the expected price, the "
            "brokerage fee and how it is calculated, the maintenance fee and how it is calculated, the state of "
            "the facilities, walls and wallpaper, and for a home lease the landlord's duty to disclose, the "
            "protected part of the deposit and access to the resident-household record "
            "(공인중개사법 시행령 제21조 ①, 같은 법 제25조 ①)."
        ),
        refs=(ArticleRef(DECREE, 21, clauses=(1,)), ArticleRef(LAW, 25, clauses=(1,))),
    ),
    # --- Rewards for reporting illegal brokering -------------------------------------------------
    LegalIssue(
        key="brokerage_report_reward",
        title="불법 중개 신고 포상금",
        cues=(
            "포상금",
            "무등록 중개업자 신고 포상금",
            "불법 중개 신고하면 포상금",
            "자격증 대여 신고 포상금",
            "신고하면 돈 준다",
            "report unlicensed broker reward",
            "whistleblower reward illegal broker",
        ),
        answer=(
            "등록 없이 중개업을 한 사람, 거짓이나 부정한 방법으로 등록한 사람, 자격증·등록증을 양도·대여하거나 받은 "
            "사람, 위법한 표시·광고를 한 사람 등을 등록관청이나 수사기관 등에 신고·고발하면 포상금을 받을 수 있어요. "
            "포상금은 1건당 50만원이고, 행정기관에 발각되기 전에 신고·고발했고 검사가 공소제기나 기소유예 결정을 한 "
            "경우에만 지급돼요 (공인중개사법 제46조 ①, 같은 법 시행령 제36조의2 ①·②)."
        ),
        answer_en=(
            "Reporting someone who brokers without registration, registered by fraud, lent or borrowed a licence "
            "or registration, or advertised unlawfully to the registering office or investigators can earn a "
            "reward of 50만원 per case, paid only if the report came before the authorities found out and the "
            "prosecutor indicted or suspended indictment (공인중개사법 제46조 ①, 같은 법 시행령 제36조의2 ①·②)."
        ),
        refs=(ArticleRef(LAW, 46, clauses=(1,)), ArticleRef(DECREE, 36, sub=2, clauses=(1, 2))),
    ),
    # --- Owners steering brokers (집값 담합) --------------------------------------------------------
    LegalIssue(
        key="brokerage_owner_price_collusion",
        title="집값 담합·중개사 업무방해",
        cues=(
            "집값 담합",
            "단톡방 얼마 이하로 내놓지 말자",
            "싼 값에 내놓는 부동산 이용하지 말자",
            "입주민 카페 시세 담합",
            "부녀회 가격 담합",
            "특정 부동산 이용하지 말자",
            "특정 가격 이하로 내놓지 말자",
            "homeowners agree not to list below a price",
            "boycott agents who list cheap",
        ),
        answer=(
            "누구든지 시세에 부당한 영향을 줄 목적으로 안내문이나 온라인 커뮤니티 등을 이용해 특정 개업공인중개사에 "
            "대한 중개의뢰를 제한하거나 유도하는 행위, 특정 가격 이하로 중개를 의뢰하지 않도록 유도하는 행위 등으로 "
            "개업공인중개사등의 업무를 방해해서는 안 되고, 어기면 3년 이하의 징역 또는 3천만원 이하의 벌금에 처해져요 "
            "(공인중개사법 제33조 ②, 제48조)."
        ),
        answer_en=(
            "No one may, to sway market prices, use notices or online communities to keep people from listing "
            "with certain brokers or to push them not to list below a certain price, or otherwise obstruct "
            "brokers; doing so carries up to 3 years in prison or a fine of up to 3천만원 "
            "(공인중개사법 제33조 ②, 제48조)."
        ),
        refs=(ArticleRef(LAW, 33, clauses=(2,)), ArticleRef(LAW, 48, items=(4,))),
    ),
)
