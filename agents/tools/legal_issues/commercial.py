"""상가건물 임대차보호법 (+ 시행령): what shop tenants and their landlords ask.

Grouped as a shop lease runs: whether the Act applies at all, holding on to the lease and the deposit,
renewal, rent, 권리금, arrears and ending the lease, then subleases and disputes. The 시행령 holds
the amounts (환산보증금 thresholds, 5% cap, conversion rate, small-deposit tiers); answers quote it
beside the article that delegates to it.
"""

from __future__ import annotations

from agents.tools.legal_issues.types import ArticleRef, LegalIssue

LAW = "상가건물임대차보호법"
DECREE = "상가건물임대차보호법시행령"
CIVIL = "민법"

_MEDIATION = ArticleRef(LAW, 20, clauses=(1, 2))

ISSUES: tuple[LegalIssue, ...] = (
    # --- Does the Act apply? -------------------------------------------------------------------
    LegalIssue(
        key="commercial_scope",
        title="상가임대차법 적용 범위(환산보증금)",
        cues=(
            "우리 가게도 상가임대차보호법 적용돼",
            "상가임대차법 적용 대상",
            "환산보증금 계산",
            "환산보증금 얼마까지 보호",
            "보증금 월세 환산 상가",
            "월세 곱하기 100",
            "가게 보증금 많으면 보호 못 받아",
            "서울 상가 보증금 기준",
            "상가건물 임대차 적용범위",
            "대통령령으로 정하는 보증금액",
            "commercial lease act scope",
            "converted deposit threshold",
            "does the commercial lease act cover my shop",
        ),
        answer=(
            "상가건물 임대차보호법은 사업자등록 대상 건물을 주로 영업용으로 빌린 경우에 적용되지만, "
            "보증금에 월세×100을 더한 환산보증금이 서울 9억원, 과밀억제권역(서울 제외)·부산 6억9천만원, "
            "그 밖의 광역시와 세종·파주·화성·안산·용인·김포·광주시 5억4천만원, 그 밖의 지역 3억7천만원을 "
            "넘으면 일부 조항만 적용돼요 (상가건물 임대차보호법 제2조 ①·②·③, 같은 법 시행령 제2조 ①·②·③)."
        ),
        answer_en=(
            "The Act covers leases of buildings subject to business registration used mainly for business, "
            "but if the converted deposit (deposit + monthly rent × 100) exceeds 9억원 in Seoul, 6억9천만원 in "
            "the overcrowding-control zone outside Seoul and in Busan, 5억4천만원 in the other metropolitan "
            "cities and Sejong, Paju, Hwaseong, Ansan, Yongin, Gimpo and Gwangju-si, or 3억7천만원 elsewhere, "
            "only some provisions apply (상가건물 임대차보호법 제2조 ①·②·③, 같은 법 시행령 제2조 ①·②·③)."
        ),
        refs=(
            ArticleRef(LAW, 2, clauses=(1, 2, 3)),
            ArticleRef(DECREE, 2, clauses=(1, 2, 3)),
        ),
    ),
    LegalIssue(
        key="commercial_over_threshold",
        title="환산보증금 초과 상가에도 적용되는 보호",
        cues=(
            "환산보증금 넘으면 아무 보호 없어",
            "보증금 기준 초과 상가 갱신요구",
            "고액 상가 권리금 보호",
            "기준 넘는 가게 대항력",
            "환산보증금 초과 임대료 인상",
            "보증금액을 초과하는 임대차",
            "over threshold commercial lease protection",
            "shop deposit above threshold renewal",
            "보증금 기준 넘는 가게 갱신 요구",
            "보증금이 커서 상임법 적용 안 되면",
            "보증금 많아서 보호법 적용 안 되는 가게",
            "적용 대상 아니면 대항력 갱신요구권도 없어",
        ),
        answer=(
            "환산보증금이 기준을 넘는 상가 임대차에도 대항력, 계약갱신요구권(전체 10년 한도), 권리금 회수기회 "
            "보호, 차임 3기 연체 해지, 감염병 집합제한에 따른 폐업 해지권, 표준계약서 규정은 적용돼요. 이런 "
            "임대차는 갱신 때 조세·공과금, 주변 상가의 차임·보증금, 경제사정 변동 등을 고려해 차임·보증금 증감을 "
            "청구할 수 있어요 (상가건물 임대차보호법 제2조 ③, 제10조의2)."
        ),
        answer_en=(
            "Even above the threshold, a shop lease keeps opposability, the renewal right (10 years in total), "
            "protection of key money, termination for 3 periods of arrears, the closure termination right and the "
            "standard-contract rule; on renewal either side may ask to adjust rent and deposit in view of taxes, "
            "charges, nearby rents and the economy (상가건물 임대차보호법 제2조 ③, 제10조의2)."
        ),
        refs=(
            ArticleRef(LAW, 2, clauses=(3,)),
            ArticleRef(LAW, 10, sub=2),
            ArticleRef(LAW, 10, clauses=(2,)),
            ArticleRef(LAW, 10, sub=8),
        ),
    ),
    LegalIssue(
        key="commercial_temporary_use",
        title="일시사용 상가 임대차",
        cues=(
            "팝업스토어 상가임대차법",
            "단기 행사장 임대 보호",
            "며칠만 빌리는 매장",
            "일시사용 임대차",
            "임시 매장 계약 보호",
            "temporary use commercial lease",
        ),
        answer=(
            "일시사용을 위한 임대차임이 명백하면 상가건물 임대차보호법은 적용되지 않아요 "
            "(상가건물 임대차보호법 제16조)."
        ),
        answer_en=(
            "The Act does not apply where the lease is clearly for temporary use (상가건물 임대차보호법 제16조)."
        ),
        refs=(ArticleRef(LAW, 16),),
    ),
    # --- Keeping the lease and the deposit ------------------------------------------------------
    LegalIssue(
        key="commercial_opposability",
        title="상가 대항력(인도+사업자등록)",
        cues=(
            "가게 건물 주인 바뀌면",
            "건물주 바뀌었는데 나가래",
            "상가 건물 팔렸어",
            "새 건물주가 계약 인정 안 해",
            "상가 대항력",
            "사업자등록 해야 보호",
            "사업자등록 신청 다음날",
            "임대인 지위 승계 상가",
            "commercial lease new owner",
            "business registration opposability",
            "protect shop lease if building is sold",
        ),
        answer=(
            "상가 임차인이 건물을 인도받고 사업자등록을 신청하면 그 다음 날부터 등기가 없어도 제3자에게 "
            "임대차를 주장할 수 있고, 건물을 넘겨받은 새 주인은 임대인의 지위를 이어받은 것으로 봐요 "
            "(상가건물 임대차보호법 제3조 ①·②)."
        ),
        answer_en=(
            "Once a shop tenant has taken possession and applied for business registration, the lease binds "
            "third parties from the next day without registration, and a new owner steps into the landlord's "
            "position (상가건물 임대차보호법 제3조 ①·②)."
        ),
        refs=(ArticleRef(LAW, 3, clauses=(1, 2)),),
    ),
    LegalIssue(
        key="commercial_priority_repayment",
        title="상가 확정일자와 우선변제",
        cues=(
            "가게 건물 경매 넘어가면 보증금",
            "상가 우선변제권",
            "상가 공매 보증금 먼저",
            "건물 경매 보증금 받으려면",
            "상가 계약서 확정일자",
            "commercial fixed date priority",
        ),
        answer=(
            "인도와 사업자등록 신청(대항요건)을 갖추고 관할 세무서장에게 계약서 확정일자를 받은 상가 임차인은 "
            "경매나 공매 때 건물(임대인 소유 대지 포함) 환가대금에서 후순위권리자 등 다른 채권자보다 먼저 "
            "보증금을 받을 수 있어요. 다만 건물을 양수인에게 인도해야 그 보증금을 받을 수 있어요 "
            "(상가건물 임대차보호법 제5조 ②·③, 제4조 ①)."
        ),
        answer_en=(
            "A shop tenant with possession, a business-registration application and a fixed date from the tax "
            "office is paid the deposit from an auction or public sale ahead of junior right holders and other "
            "creditors, but only after handing the building over to the buyer "
            "(상가건물 임대차보호법 제5조 ②·③, 제4조 ①)."
        ),
        refs=(
            ArticleRef(LAW, 5, clauses=(2, 3)),
            ArticleRef(LAW, 4, clauses=(1,)),
        ),
        next_steps=(
            (
                "계약서 원본을 가지고 상가 소재지 관할 세무서장에게 확정일자 부여를 신청하세요.",
                ArticleRef(DECREE, 3, clauses=(1,)),
            ),
        ),
    ),
    LegalIssue(
        key="commercial_fixed_date_renewal",
        title="상가 재계약·변경 때 새 확정일자",
        cues=(
            "재계약 새 확정일자 상가",
            "가게 재계약 확정일자 새로",
            "상가 보증금 올렸는데 확정일자 다시",
            "상가 계약 변경 확정일자",
            "가게 갱신하면 확정일자 또 받아",
            "shop lease renewed new fixed date",
        ),
        answer=(
            "상가 임대차계약이 변경되거나 갱신되면 관할 세무서장이 임차인의 신청에 따라 새로운 확정일자를 부여해요. "
            "확정일자는 계약서 원본을 가진 임차인이 상가건물 소재지 관할 세무서장에게 신청해요 "
            "(상가건물 임대차보호법 시행령 제3조 ③·①)."
        ),
        answer_en=(
            "When a shop lease is changed or renewed, the tax office gives a new fixed date at the tenant's request; "
            "the tenant holding the original contract applies to the tax office where the building is "
            "(상가건물 임대차보호법 시행령 제3조 ③·①)."
        ),
        refs=(ArticleRef(DECREE, 3, clauses=(3, 1)),),
    ),
    LegalIssue(
        key="commercial_fixed_date_office",
        title="상가 확정일자 받는 곳",
        cues=(
            "상가 확정일자 어디서",
            "세무서 확정일자",
            "가게 확정일자 주민센터",
            "상가 확정일자 받는 법",
            "사업자 본점 세무서 확정일자",
            "where to get fixed date shop lease",
        ),
        answer=(
            "상가 확정일자는 상가건물 소재지 관할 세무서장이 부여하고, 계약서 원본을 가진 임차인이 신청하며 사업자 "
            "단위 과세 사업자는 본점이나 주사무소 관할 세무서장에게 신청할 수도 있어요. 계약이 변경되거나 갱신되면 "
            "임차인의 신청에 따라 새 확정일자를 받아요 "
            "(상가건물 임대차보호법 제4조 ①, 같은 법 시행령 제3조 ①·③)."
        ),
        answer_en=(
            "For shop leases the fixed date is given by the tax office for the building's location, on the tenant's "
            "application with the original contract (or at the head-office tax office for businesses taxed as one "
            "unit), and a changed or renewed lease gets a new fixed date on application "
            "(상가건물 임대차보호법 제4조 ①, 같은 법 시행령 제3조 ①·③)."
        ),
        refs=(ArticleRef(LAW, 4, clauses=(1,)), ArticleRef(DECREE, 3, clauses=(1, 3))),
    ),
    LegalIssue(
        key="commercial_small_deposit_priority",
        title="상가 소액보증금 최우선변제",
        cues=(
            "가게 경매 넘어가면 얼마까지 먼저 받",
            "상가 보증금 얼마나 먼저 받",
            "상가 최우선변제",
            "가게 보증금 소액 먼저 받기",
            "소액임차인 상가 기준",
            "경매 돼도 보증금 일부는 먼저",
            "상가 보증금 중 일정액",
            "서울 상가 최우선변제 금액",
            "small deposit priority commercial",
        ),
        answer=(
            "경매신청 등기 전에 대항요건을 갖춘 소액 상가 임차인은 보증금 중 일정액을 다른 담보물권자보다 먼저 "
            "받는데, 서울은 환산보증금 6천500만원 이하 임차인이 2천200만원까지, 과밀억제권역(서울 제외)은 "
            "5천500만원 이하가 1천900만원까지, 광역시·안산·용인·김포·광주시는 3천8백만원 이하가 1천300만원까지, "
            "그 밖의 지역은 3천만원 이하가 1천만원까지예요. 이 금액이 상가건물 가액의 2분의 1을 넘으면 "
            "2분의 1까지만 우선변제돼요 (상가건물 임대차보호법 제14조 ①·③, 같은 법 시행령 제6조, 제7조 ①·②)."
        ),
        answer_en=(
            "A small-deposit shop tenant who met the opposability requirements before the auction was registered "
            "gets part of the deposit ahead of secured creditors: in Seoul up to 2천200만원 if the converted "
            "deposit is at most 6천500만원, in the overcrowding-control zone outside Seoul up to 1천900만원 at "
            "5천500만원, in metropolitan cities, Ansan, Yongin, Gimpo and Gwangju-si up to 1천300만원 at 3천8백만원, "
            "elsewhere up to 1천만원 at 3천만원; the total is capped at 2분의 1 of the building's value "
            "(상가건물 임대차보호법 제14조 ①·③, 같은 법 시행령 제6조, 제7조 ①·②)."
        ),
        refs=(
            ArticleRef(LAW, 14, clauses=(1, 3)),
            ArticleRef(DECREE, 6),
            ArticleRef(DECREE, 7, clauses=(1, 2)),
        ),
    ),
    LegalIssue(
        key="commercial_small_tenant_threshold",
        title="상가 소액임차인 해당 기준(환산보증금)",
        cues=(
            "상가 소액임차인 해당",
            "상가 소액임차인 대상 기준",
            "가게 최우선변제 대상 보증금 기준",
            "환산보증금 얼마 이하 최우선변제 대상",
            "상가 소액임차인 되려면 보증금",
            "우리 가게도 소액임차인",
            "which shop tenants count as small deposit",
            "small deposit shop tenant threshold",
        ),
        answer=(
            "상가 최우선변제를 받을 소액임차인은 보증금과 차임을 환산한 금액의 합계가 서울 6천500만원, "
            "과밀억제권역(서울 제외) 5천500만원, 광역시·안산시·용인시·김포시·광주시 3천8백만원, 그 밖의 지역 "
            "3천만원 이하인 임차인이에요 (상가건물 임대차보호법 시행령 제6조)."
        ),
        answer_en=(
            "A shop tenant qualifies for small-deposit priority when deposit plus converted rent is at most "
            "6천500만원 in Seoul, 5천500만원 in the overcrowding-control zone outside Seoul, 3천8백만원 in "
            "metropolitan cities, Ansan, Yongin, Gimpo and Gwangju-si, and 3천만원 elsewhere "
            "(상가건물 임대차보호법 시행령 제6조)."
        ),
        refs=(ArticleRef(DECREE, 6), ArticleRef(LAW, 14, clauses=(1,))),
    ),
    LegalIssue(
        key="commercial_lease_info",
        title="상가 임대차 정보 열람(확정일자부)",
        cues=(
            "상가 계약 전에 선순위 보증금 확인",
            "가게 다른 임차인 보증금 알아보기",
            "상가 임대차 정보 열람",
            "세무서 임대차 정보 요청",
            "확정일자부 열람 상가",
            "commercial lease information request",
        ),
        answer=(
            "상가 임대차에 이해관계가 있는 사람은 관할 세무서장에게 확정일자 부여일, 차임, 보증금 등 정보를 "
            "요청할 수 있고 세무서장은 정당한 사유 없이 거부할 수 없으며, 계약을 하려는 사람도 임대인의 "
            "동의를 받으면 요청할 수 있어요 (상가건물 임대차보호법 제4조 ③·④, 같은 법 시행령 제3조의3 ②)."
        ),
        answer_en=(
            "Anyone with an interest in a shop lease may ask the tax office for the fixed-date, rent and deposit "
            "records, which it may not refuse without good reason; a prospective tenant may ask with the "
            "landlord's consent (상가건물 임대차보호법 제4조 ③·④, 같은 법 시행령 제3조의3 ②)."
        ),
        refs=(
            ArticleRef(LAW, 4, clauses=(3, 4)),
            ArticleRef(DECREE, 3, sub=3, clauses=(2,)),
        ),
    ),
    # --- Term and renewal -----------------------------------------------------------------------
    LegalIssue(
        key="commercial_lease_term",
        title="상가 임대차 기간(1년 미만 계약)",
        cues=(
            "상가 계약 기간 1년 미만",
            "6개월 계약 가게",
            "6개월만 계약했는데 끝났다고 나가래",
            "상가 최소 계약기간",
            "기간 안 정한 상가 계약",
            "계약 끝났는데 보증금 못 받았으면 계약 유지",
            "상가 임대차기간",
            "minimum commercial lease term",
            "단기계약 나가래",
        ),
        answer=(
            "기간을 정하지 않았거나 1년 미만으로 정한 상가 임대차는 기간을 1년으로 보지만, 임차인은 1년 미만으로 "
            "정한 기간이 유효하다고 주장할 수 있어요. 임대차가 끝나도 임차인이 보증금을 돌려받을 때까지는 "
            "임대차 관계가 계속되는 것으로 봐요 (상가건물 임대차보호법 제9조 ①·②)."
        ),
        answer_en=(
            "A shop lease with no term or a term under 1 year is treated as 1 year, though the tenant may insist "
            "on the shorter term; after it ends the lease is deemed to continue until the tenant gets the deposit "
            "back (상가건물 임대차보호법 제9조 ①·②)."
        ),
        refs=(ArticleRef(LAW, 9, clauses=(1, 2)),),
    ),
    LegalIssue(
        key="commercial_renewal_right",
        title="상가 계약갱신요구권(10년)",
        cues=(
            "가게 건물주가 나가래",
            "가게 계약 연장 요구",
            "상가 갱신요구권",
            "상가 10년 보장",
            "건물주가 재계약 안 해준대",
            "상가 계약갱신 언제까지 말해야",
            "만료 6개월 전 갱신 요구",
            "상가 몇 년까지 장사할 수 있어",
            "계약갱신 요구",
            "commercial lease renewal right",
            "10 year renewal shop",
        ),
        answer=(
            "상가 임차인이 계약 만료 6개월 전부터 1개월 전까지 사이에 갱신을 요구하면 임대인은 정당한 사유 없이 "
            "거절할 수 없고, 이 권리는 최초 계약기간을 포함한 전체 기간이 10년을 넘지 않는 범위에서 쓸 수 "
            "있어요. 갱신된 계약은 전과 같은 조건이며, 차임과 보증금은 법이 정한 범위에서만 증감할 수 있어요 "
            "(상가건물 임대차보호법 제10조 ①·②·③)."
        ),
        answer_en=(
            "If a shop tenant asks for renewal between 6 months and 1 month before expiry, the landlord may not "
            "refuse without a lawful reason, and the right can be used until the whole lease, first term "
            "included, reaches 10 years; the renewed lease keeps the same terms, with rent and deposit adjustable "
            "only within the statutory limit (상가건물 임대차보호법 제10조 ①·②·③)."
        ),
        refs=(ArticleRef(LAW, 10, clauses=(1, 2, 3)),),
        next_steps=(
            (
                "임대차 기간 분쟁은 상가건물임대차분쟁조정위원회에 조정을 신청할 수 있어요.",
                ArticleRef(LAW, 20, clauses=(2,), items=(2,)),
            ),
        ),
    ),
    LegalIssue(
        key="commercial_renewal_refusal",
        title="상가 갱신 거절 사유",
        cues=(
            "건물주가 갱신 거절할 수 있는 경우",
            "상가 재계약 거절 사유",
            "월세 세 번 밀렸는데 갱신 돼",
            "무단 전대하면 갱신 거절",
            "가게 계약 연장 거절 당함",
            "상가 갱신 거절 정당한 사유",
            "renewal refusal grounds commercial",
        ),
        answer=(
            "임대인은 임차인이 3기의 차임액에 이르도록 연체한 사실, 거짓이나 부정한 방법으로 임차한 경우, "
            "합의해 상당한 보상을 한 경우, 동의 없는 전대, 고의·중과실 파손, 건물 멸실로 목적을 이룰 수 없는 "
            "경우, 요건을 갖춘 철거·재건축, 그 밖에 임차인의 현저한 의무 위반이나 임대차를 계속하기 어려운 "
            "중대한 사유가 있을 때에만 갱신 요구를 거절할 수 있어요 (상가건물 임대차보호법 제10조 ①)."
        ),
        answer_en=(
            "The landlord may refuse renewal only for: arrears that reached 3 periods' rent, a lease obtained by "
            "deceit, agreed adequate compensation, subletting without consent, intentional or grossly negligent "
            "damage, loss of the building, qualifying demolition or reconstruction, or another serious breach or "
            "grave reason (상가건물 임대차보호법 제10조 ①)."
        ),
        refs=(ArticleRef(LAW, 10, clauses=(1,)),),
    ),
    LegalIssue(
        key="commercial_reconstruction",
        title="재건축·철거를 이유로 한 갱신 거절",
        cues=(
            "건물주가 재건축한다고 나가래",
            "건물 철거한다고 가게 비우래",
            "리모델링 한다고 나가라",
            "재건축 계획 고지 안 했는데",
            "건물 노후 안전 재건축 가게",
            "재건축 권리금",
            "demolition reconstruction commercial lease",
        ),
        answer=(
            "철거·재건축을 이유로 한 갱신 거절은 계약 당시 공사시기·소요기간 등 구체적 계획을 알리고 그대로 "
            "따르는 경우, 노후·훼손 등으로 안전사고 우려가 있는 경우, 다른 법령에 따라 철거·재건축되는 경우에 "
            "건물 전부나 대부분을 철거·재건축하려고 점유를 회복해야 할 때만 인정돼요. 이런 갱신 거절 사유가 "
            "있으면 권리금 회수기회 보호 규정도 적용되지 않아요 "
            "(상가건물 임대차보호법 제10조 ① 제7호, 제10조의4 ①)."
        ),
        answer_en=(
            "Demolition or reconstruction justifies refusing renewal only if the plan (timing, duration) was "
            "disclosed at signing and is followed, the building poses a safety risk, or another law requires it, "
            "and the landlord must regain possession to demolish or rebuild all or most of it; with such a ground "
            "the key-money protection does not apply either (상가건물 임대차보호법 제10조 ① 제7호, 제10조의4 ①)."
        ),
        refs=(
            ArticleRef(LAW, 10, clauses=(1,), items=(7,)),
            ArticleRef(LAW, 10, sub=4, clauses=(1,)),
        ),
    ),
    LegalIssue(
        key="commercial_implied_renewal",
        title="상가 묵시적 갱신",
        cues=(
            "상가 묵시적 갱신",
            "건물주가 아무 말 없이 계약 끝남",
            "가게 자동 연장",
            "상가 자동갱신 기간",
            "묵시 갱신 가게 빼고 싶어",
            "상가 계약 해지 통고 3개월",
            "implied renewal commercial lease",
        ),
        answer=(
            "임대인이 만료 6개월 전부터 1개월 전까지 갱신 거절이나 조건 변경을 통지하지 않으면 만료 때 같은 "
            "조건으로 다시 임대차한 것으로 보고 기간은 1년으로 봐요. 이때 임차인은 언제든 해지를 통고할 수 "
            "있고, 임대인이 통고를 받은 날부터 3개월이 지나면 해지돼요 (상가건물 임대차보호법 제10조 ①·④·⑤)."
        ),
        answer_en=(
            "If the landlord gives no refusal or change notice between 6 months and 1 month before expiry, the "
            "lease is renewed on the same terms for 1 year; the tenant may then give notice at any time, "
            "effective 3 months after the landlord receives it (상가건물 임대차보호법 제10조 ①·④·⑤)."
        ),
        refs=(ArticleRef(LAW, 10, clauses=(1, 4, 5)),),
    ),
    # --- Rent -----------------------------------------------------------------------------------
    LegalIssue(
        key="commercial_rent_increase_cap",
        title="상가 차임·보증금 증액 한도(5%)",
        cues=(
            "가게 월세 올려달래",
            "상가 임대료 인상 한도",
            "상가 월세 5% 이상 인상",
            "건물주가 월세 인상 통보",
            "상가 보증금 증액",
            "임대료 얼마까지 올릴 수 있어",
            "월세 인상 1년 지나야",
            "상가 재계약 때 월세 얼마나 올릴 수",
            "차임 증액 청구 상가",
            "commercial rent increase cap",
            "shop rent increase limit",
        ),
        answer=(
            "상가 차임이나 보증금의 증액 청구는 청구 당시 금액의 100분의 5를 넘을 수 없고, 계약하거나 증액한 뒤 "
            "1년 안에는 다시 증액을 청구할 수 없어요. 다만 환산보증금이 기준을 넘는 임대차에는 이 조항이 "
            "적용되지 않아요 (상가건물 임대차보호법 제11조 ①·②, 같은 법 시행령 제4조, 법 제2조 ①·③)."
        ),
        answer_en=(
            "A rent or deposit increase may not exceed 5/100 of the current amount, and no increase may be "
            "claimed within 1 year of the contract or the last increase; this cap does not apply to leases above "
            "the converted-deposit threshold (상가건물 임대차보호법 제11조 ①·②, 같은 법 시행령 제4조, 법 제2조 ①·③)."
        ),
        refs=(
            ArticleRef(LAW, 11, clauses=(1, 2)),
            ArticleRef(DECREE, 4),
            ArticleRef(LAW, 2, clauses=(1, 3)),
        ),
        next_steps=(
            (
                "차임·보증금 증감 분쟁은 상가건물임대차분쟁조정위원회에 조정을 신청할 수 있어요.",
                ArticleRef(LAW, 20, clauses=(2,), items=(1,)),
            ),
        ),
    ),
    LegalIssue(
        key="commercial_rent_decrease",
        title="상가 차임 감액 청구",
        cues=(
            "가게 월세 깎아달라",
            "상가 임대료 감액 요구",
            "장사 안 돼서 월세 인하",
            "코로나 임대료 감액",
            "상가 차임 감액청구",
            "감염병 경제사정 월세",
            "commercial rent reduction request",
        ),
        answer=(
            "조세·공과금 등 부담의 증감이나 제1급감염병 등에 의한 경제사정 변동으로 차임·보증금이 상당하지 않게 "
            "되면 임차인도 앞으로의 차임·보증금 감액을 청구할 수 있어요. 제1급감염병에 따른 경제사정 변동으로 "
            "감액된 뒤 임대인이 증액을 청구할 때는 감액 전 금액에 이를 때까지 증액 비율 한도가 적용되지 않아요 "
            "(상가건물 임대차보호법 제11조 ①·③)."
        ),
        answer_en=(
            "If rent or deposit becomes unreasonable because taxes or charges changed or the economy shifted, "
            "including through a 제1급 infectious disease, the tenant may also ask for a reduction for the future; "
            "after such a reduction the landlord may raise it back to the previous level without the percentage "
            "cap (상가건물 임대차보호법 제11조 ①·③)."
        ),
        refs=(ArticleRef(LAW, 11, clauses=(1, 3)),),
    ),
    LegalIssue(
        key="commercial_rent_conversion",
        title="상가 보증금의 월세 전환 한도",
        cues=(
            "상가 보증금 월세로 전환",
            "보증금 줄이고 월세로",
            "상가 전환율",
            "보증금 일부 월세로 바꾸면 얼마",
            "월 차임 전환 산정률",
            "commercial deposit to monthly rent conversion",
        ),
        answer=(
            "보증금의 전부나 일부를 월 단위 차임으로 바꿀 때는 전환되는 금액에 연 1할2푼과 한국은행 기준금리의 "
            "4.5배 중 낮은 비율을 곱한 월 차임의 범위를 넘을 수 없어요 "
            "(상가건물 임대차보호법 제12조, 같은 법 시행령 제5조 ①·②)."
        ),
        answer_en=(
            "When all or part of the deposit is converted into monthly rent, the rent may not exceed the "
            "converted amount times the lower of 연 1할2푼 and 4.5 times the Bank of Korea base rate "
            "(상가건물 임대차보호법 제12조, 같은 법 시행령 제5조 ①·②)."
        ),
        refs=(
            ArticleRef(LAW, 12),
            ArticleRef(DECREE, 5, clauses=(1, 2)),
        ),
    ),
    LegalIssue(
        key="commercial_maintenance_fee",
        title="상가 관리비 내역 요청",
        cues=(
            "상가 관리비 내역",
            "가게 관리비 너무 많이 나와",
            "관리비 항목 공개 요구",
            "관리비 내역 안 알려줘",
            "관리비 내역의 제공",
            "commercial maintenance fee breakdown",
            "shop owner charges a management fee but won't say what it covers",
            "itemized breakdown of the management fee for my store",
        ),
        answer=(
            "계약에서 합의해 관리비를 내는 상가 임차인은 부과된 관리비 내역을 요청할 수 있고 임대인은 따라야 "
            "하며, 내역에는 일반관리비·청소비·경비비·전기료·수도료 등 항목별 금액이 적혀야 해요. 월 관리비가 "
            "10만원 미만이면 항목별 금액 없이 포함된 항목만 표시할 수 있어요 "
            "(상가건물 임대차보호법 제19조의2 ①·②, 같은 법 시행령 제8조 ①·③)."
        ),
        answer_en=(
            "A shop tenant who pays maintenance fees under the lease may ask for the breakdown and the landlord "
            "must give it, listing amounts per item such as general management, cleaning, security, electricity "
            "and water; under 10만원 a month only the items need be shown "
            "(상가건물 임대차보호법 제19조의2 ①·②, 같은 법 시행령 제8조 ①·③)."
        ),
        refs=(
            ArticleRef(LAW, 19, sub=2, clauses=(1, 2)),
            ArticleRef(DECREE, 8, clauses=(1, 3)),
        ),
    ),
    # --- 권리금 (key money) ------------------------------------------------------------------------
    LegalIssue(
        key="commercial_key_money_definition",
        title="권리금의 뜻",
        cues=(
            "권리금이 뭐야",
            "권리금 계약서 뜻",
            "바닥권리금 시설권리금 차이",
            "영업권리금 뜻",
            "권리금 법적 보호",
            "key money",
            "premium commercial lease",
        ),
        answer=(
            "권리금은 영업시설·비품, 거래처, 신용, 영업상 노하우, 위치에 따른 이점 등 유형·무형의 재산적 가치를 "
            "넘기거나 이용하게 하는 대가로 보증금·차임과 별도로 주는 돈이고, 권리금 계약은 신규임차인이 되려는 "
            "사람이 임차인에게 권리금을 주기로 하는 계약이에요 (상가건물 임대차보호법 제10조의3 ①·②)."
        ),
        answer_en=(
            "Key money is paid on top of deposit and rent for the tangible and intangible value of a business "
            "(fixtures, customers, goodwill, know-how, location), and a key-money contract is one in which the "
            "incoming tenant agrees to pay it to the current tenant (상가건물 임대차보호법 제10조의3 ①·②)."
        ),
        refs=(ArticleRef(LAW, 10, sub=3, clauses=(1, 2)),),
        next_steps=(
            ("국토교통부장관이 권장하는 표준권리금계약서를 쓸 수 있어요.", ArticleRef(LAW, 10, sub=6)),
        ),
    ),
    LegalIssue(
        key="commercial_key_money_obstruction",
        title="권리금 회수 방해 금지",
        cues=(
            "building owner blocking the new tenant i found",
            "landlord won't sign with the person i found to take over my shop",
            "owner refuses my replacement tenant so i lose key money",
            "권리금 못 받게 방해",
            "건물주가 새 세입자 안 받아줘",
            "권리금 회수 방해",
            "신규 임차인 계약 거절",
            "건물주가 새 임차인한테 권리금 달래",
            "새 세입자한테 월세 엄청 올려",
            "가게 넘기려는데 건물주가 반대",
            "새 세입자 구해왔는데 건물주가 계약 안 한대",
            "권리금 받고 가게 넘기려는데 건물주가 계약 거절",
            "이유 없이 신규 임차인 거절",
            "권리금 회수기회 보호",
            "key money obstruction landlord",
            "landlord asks the new tenant to pay key money",
            "landlord demands key money from the new tenant",
        ),
        answer=(
            "임대인은 임대차 종료 6개월 전부터 종료 때까지 임차인이 주선한 신규임차인에게 권리금을 요구하거나 "
            "받는 행위, 권리금을 못 주게 하는 행위, 현저히 고액의 차임·보증금을 요구하는 행위, 정당한 사유 없이 "
            "계약 체결을 거절하는 행위로 임차인의 권리금 회수를 방해해서는 안 돼요. 다만 갱신 거절 사유가 "
            "있으면 그렇지 않아요 (상가건물 임대차보호법 제10조의4 ①)."
        ),
        answer_en=(
            "From 6 months before the lease ends until it ends, the landlord may not block the tenant from "
            "collecting key money from an incoming tenant the tenant found: by demanding or taking key money, "
            "preventing payment, demanding grossly excessive rent or deposit, or refusing a lease without good "
            "reason, unless a renewal-refusal ground exists (상가건물 임대차보호법 제10조의4 ①)."
        ),
        refs=(ArticleRef(LAW, 10, sub=4, clauses=(1,)),),
        next_steps=(
            (
                "방해로 손해를 입었다면 임대차 종료일부터 3년 안에 손해배상을 청구할 수 있어요.",
                ArticleRef(LAW, 10, sub=4, clauses=(3, 4)),
            ),
            (
                "권리금 분쟁은 상가건물임대차분쟁조정위원회에 조정을 신청할 수 있어요.",
                ArticleRef(LAW, 20, clauses=(2,), items=(5,)),
            ),
        ),
    ),
    LegalIssue(
        key="commercial_key_money_refusal_grounds",
        title="신규임차인 거절의 정당한 사유",
        cues=(
            "건물주가 신규 임차인 거절해도 되는 경우",
            "1년 6개월 비워두면 권리금",
            "새 세입자 돈 없으면 거절",
            "건물주가 직접 장사한다며 거절",
            "권리금 정당한 사유",
            "신규임차인 정보 제공",
            "justified refusal incoming tenant",
        ),
        answer=(
            "임차인이 주선한 신규임차인이 보증금·차임을 낼 자력이 없거나, 의무를 위반할 우려 등 임대차를 유지하기 "
            "어려운 상당한 사유가 있거나, 상가건물을 1년 6개월 이상 영리목적으로 사용하지 않거나, 임대인이 고른 "
            "신규임차인이 임차인과 권리금 계약을 맺고 권리금을 지급한 경우에는 계약 거절에 정당한 사유가 있는 "
            "것으로 봐요. 임차인은 신규임차인의 자력 등에 관해 아는 정보를 임대인에게 제공해야 해요 "
            "(상가건물 임대차보호법 제10조의4 ②·⑤)."
        ),
        answer_en=(
            "Refusing the incoming tenant is justified if they cannot pay deposit or rent, may breach or otherwise "
            "make the lease hard to keep, if the building goes unused for business for 1 year 6 months or more, "
            "or if a tenant the landlord chose has signed and paid a key-money contract with the current tenant; "
            "the tenant must share what they know of the newcomer's means (상가건물 임대차보호법 제10조의4 ②·⑤)."
        ),
        refs=(ArticleRef(LAW, 10, sub=4, clauses=(2, 5)),),
    ),
    LegalIssue(
        key="commercial_key_money_damages",
        title="권리금 손해배상 한도와 기한",
        cues=(
            "권리금 손해배상 얼마",
            "권리금 소송 기한",
            "권리금 배상 한도",
            "권리금 청구 3년",
            "건물주 상대 권리금 소송",
            "key money damages limit",
        ),
        answer=(
            "임대인이 권리금 회수를 방해해 손해가 나면 배상해야 하는데, 배상액은 신규임차인이 주기로 한 권리금과 "
            "임대차 종료 당시 권리금 중 낮은 금액을 넘지 못하고, 이 청구권은 임대차가 끝난 날부터 3년 안에 "
            "행사하지 않으면 시효로 소멸해요 (상가건물 임대차보호법 제10조의4 ③·④)."
        ),
        answer_en=(
            "A landlord who obstructs key-money recovery must pay damages capped at the lower of the key money "
            "the incoming tenant agreed to pay and the key money at the end of the lease, and the claim lapses 3 "
            "years after the lease ends (상가건물 임대차보호법 제10조의4 ③·④)."
        ),
        refs=(ArticleRef(LAW, 10, sub=4, clauses=(3, 4)),),
        next_steps=(
            (
                "권리금 감정평가 기준은 국토교통부장관이 고시할 수 있으니 확인하세요.",
                ArticleRef(LAW, 10, sub=7),
            ),
        ),
    ),
    LegalIssue(
        key="commercial_key_money_exclusions",
        title="권리금 보호가 적용되지 않는 상가",
        cues=(
            "백화점 매장 권리금",
            "대형마트 입점 권리금",
            "쇼핑몰 매장 권리금 보호",
            "국유재산 상가 권리금",
            "공유재산 점포 권리금",
            "전통시장 권리금",
            "key money exclusions",
        ),
        answer=(
            "상가건물이 유통산업발전법상 대규모점포나 준대규모점포의 일부(전통시장은 제외)이거나, 국유재산 또는 "
            "공유재산이면 권리금 회수기회 보호 규정이 적용되지 않아요 (상가건물 임대차보호법 제10조의5)."
        ),
        answer_en=(
            "The key-money protection does not apply to units in large or quasi-large stores (traditional markets "
            "excepted) or to state- or publicly-owned property (상가건물 임대차보호법 제10조의5)."
        ),
        refs=(ArticleRef(LAW, 10, sub=5),),
    ),
    # --- Arrears and ending the lease ----------------------------------------------------------
    LegalIssue(
        key="commercial_rent_arrears_termination",
        title="상가 차임 3기 연체와 해지",
        cues=(
            "가게 월세 밀리면 쫓겨나",
            "상가 월세 세 달 밀리면",
            "상가 차임 연체 해지",
            "월세 3번 밀림 가게",
            "건물주가 연체로 계약 해지 통보",
            "차임연체액 3기",
            "commercial rent arrears termination",
            "shop behind on rent terminate",
            "restaurant unpaid rent landlord terminate lease",
            "store rent arrears evict",
        ),
        answer=(
            "상가 임차인의 밀린 차임이 3기의 차임액(월 단위 차임이면 3달치)에 이르면 임대인은 계약을 해지할 수 "
            "있어요. 3기분을 연체한 사실이 있으면 임대인은 갱신 요구도 거절할 수 있어요 "
            "(상가건물 임대차보호법 제10조의8, 제10조 ① 제1호)."
        ),
        answer_en=(
            "When a shop tenant's arrears reach 3 periods' rent (3 months for monthly rent), the landlord may "
            "terminate; a record of 3 periods' arrears also lets the landlord refuse renewal "
            "(상가건물 임대차보호법 제10조의8, 제10조 ① 제1호)."
        ),
        refs=(
            ArticleRef(LAW, 10, sub=8),
            ArticleRef(LAW, 10, clauses=(1,), items=(1,)),
        ),
    ),
    LegalIssue(
        key="commercial_closure_termination",
        title="집합제한으로 폐업한 임차인의 해지권",
        cues=(
            "코로나 폐업 계약 해지",
            "집합금지로 폐업 가게 해지",
            "영업제한 때문에 폐업 임대차 해지",
            "폐업으로 인한 해지권",
            "영업시간 제한 3개월 폐업",
            "집합금지 폐업 남은 기간 월세",
            "closure termination right pandemic",
            "government shutdown order closed my shop for good end the lease",
            "forced to close down by covid restrictions terminate the shop lease",
        ),
        answer=(
            "감염병예방법에 따른 집합 제한·금지(운영시간 제한 포함) 조치를 총 3개월 이상 받아 경제사정이 크게 "
            "변해 폐업한 상가 임차인은 계약을 해지할 수 있고, 해지는 임대인이 통고를 받은 날부터 3개월이 지나면 "
            "효력이 생겨요 (상가건물 임대차보호법 제11조의2 ①·②)."
        ),
        answer_en=(
            "A shop tenant who closed down after a total of 3 months or more of infectious-disease gathering "
            "restrictions (including opening-hour limits) may terminate, effective 3 months after the landlord "
            "receives notice (상가건물 임대차보호법 제11조의2 ①·②)."
        ),
        refs=(ArticleRef(LAW, 11, sub=2, clauses=(1, 2)),),
    ),
    LegalIssue(
        key="commercial_lease_registration_order",
        title="상가 임차권등기명령",
        cues=(
            "가게 보증금 못 받고 나가야 해",
            "상가 임차권등기명령",
            "폐업하고 나가야 하는데 보증금 안 줘",
            "가게 빼면 우선변제 잃어",
            "임차권등기 비용 청구",
            "commercial lease registration order",
        ),
        answer=(
            "임대차가 끝났는데 보증금을 돌려받지 못하면 상가 임차인은 건물 소재지 관할 지방법원·지원·시군법원에 "
            "임차권등기명령을 신청할 수 있고, 등기를 마치면 대항력과 우선변제권을 얻거나 이미 가진 권리를 "
            "유지하며 그 뒤 대항요건을 잃어도 그 권리를 잃지 않아요. 신청과 등기에 든 비용은 임대인에게 청구할 "
            "수 있어요 (상가건물 임대차보호법 제6조 ①·⑤·⑧)."
        ),
        answer_en=(
            "If the deposit is not returned after the lease ends, the shop tenant may apply to the local court "
            "for a lease registration order; once registered the tenant gains or keeps opposability and priority "
            "even after losing the opposability requirements, and may charge the costs to the landlord "
            "(상가건물 임대차보호법 제6조 ①·⑤·⑧)."
        ),
        refs=(ArticleRef(LAW, 6, clauses=(1, 5, 8)),),
    ),
    LegalIssue(
        key="commercial_deposit_return",
        title="상가 보증금 반환 청구와 경매",
        cues=(
            "가게 보증금 안 돌려줘",
            "상가 보증금 반환 소송",
            "건물주가 보증금 안 줌 가게",
            "보증금 판결 받고 경매",
            "가게 비워줘야 경매 신청 가능",
            "commercial deposit return lawsuit",
        ),
        answer=(
            "상가 임차인이 보증금반환 확정판결 등 집행권원으로 임차건물 경매를 신청할 때는 건물 인도 같은 "
            "반대의무의 이행이나 그 제공이 집행 개시 요건이 아니며, 보증금반환청구소송에는 소액사건심판법의 일부 "
            "규정이 준용돼요. 임대차가 끝나도 보증금을 돌려받을 때까지 임대차 관계는 계속되는 것으로 봐요 "
            "(상가건물 임대차보호법 제5조 ①, 제18조, 제9조 ②)."
        ),
        answer_en=(
            "A shop tenant with a final judgment for the deposit can have the building auctioned without first "
            "handing it back, deposit suits follow parts of the Small Claims Act, and the lease is deemed to "
            "continue until the deposit is repaid (상가건물 임대차보호법 제5조 ①, 제18조, 제9조 ②)."
        ),
        refs=(
            ArticleRef(LAW, 5, clauses=(1,)),
            ArticleRef(LAW, 18),
            ArticleRef(LAW, 9, clauses=(2,)),
        ),
        next_steps=(
            (
                "계약이 끝났는데 보증금을 못 받았다면 임차권등기명령을 신청할 수 있어요.",
                ArticleRef(LAW, 6, clauses=(1,)),
            ),
            (
                "보증금 반환 분쟁은 상가건물임대차분쟁조정위원회에 조정을 신청할 수 있어요.",
                ArticleRef(LAW, 20, clauses=(2,), items=(3,)),
            ),
        ),
    ),
    # --- Subleases, mandatory rules, disputes ---------------------------------------------------
    LegalIssue(
        key="commercial_sublease",
        title="상가 전대(재임대)",
        cues=(
            "가게 전대",
            "상가 재임대",
            "샵인샵 전대",
            "건물주 동의 없이 전대",
            "전차인 갱신요구",
            "가게 전대받아서 장사 중 갱신 요구",
            "가게 일부 다른 사람 빌려주기",
            "commercial sublease",
        ),
        answer=(
            "임대인 동의 없이 건물 전부나 일부를 전대하면 갱신 거절 사유가 되고 민법상 계약 해지 사유도 돼요. "
            "동의를 받아 전대했다면 전차인은 임차인의 갱신요구 기간 안에 임차인을 대위해 임대인에게 갱신을 요구할 "
            "수 있고, 갱신요구·차임 증감 제한·월차임 전환 규정은 전대인과 전차인 사이에도 적용돼요 "
            "(상가건물 임대차보호법 제13조 ①·②, 제10조 ① 제4호, 민법 제629조)."
        ),
        answer_en=(
            "Subletting without the landlord's consent is a ground to refuse renewal and, under the Civil Act, to "
            "terminate; a consented subtenant may exercise the tenant's renewal right in the tenant's place, and "
            "the renewal, rent-cap and conversion rules apply between sublessor and subtenant "
            "(상가건물 임대차보호법 제13조 ①·②, 제10조 ① 제4호, 민법 제629조)."
        ),
        refs=(
            ArticleRef(LAW, 13, clauses=(1, 2)),
            ArticleRef(LAW, 10, clauses=(1,), items=(4,)),
            ArticleRef(CIVIL, 629, clauses=(1, 2)),
        ),
    ),
    LegalIssue(
        key="commercial_mandatory_rules",
        title="임차인에게 불리한 상가 특약",
        cues=(
            "상가 계약서 불리한 특약",
            "법보다 불리한 약정 가게",
            "불리한 조항 효력 상가",
            "상가 특약 무효",
            "강행규정 상가임대차",
            "unfavourable clause commercial lease",
        ),
        answer=(
            "상가건물 임대차보호법 규정에 어긋나는 약정으로서 임차인에게 불리한 것은 효력이 없어요 "
            "(상가건물 임대차보호법 제15조)."
        ),
        answer_en=(
            "Any agreement that departs from the Act to the tenant's disadvantage is void "
            "(상가건물 임대차보호법 제15조)."
        ),
        refs=(ArticleRef(LAW, 15),),
    ),
    LegalIssue(
        key="commercial_dispute_mediation",
        title="상가 임대차 분쟁조정위원회",
        cues=(
            "상가 분쟁조정",
            "건물주랑 소송 말고 조정",
            "가게 분쟁 조정위원회",
            "상가 임대차 분쟁 어디에",
            "중개보수 분쟁 조정 상가",
            "commercial lease dispute mediation",
        ),
        answer=(
            "차임·보증금 증감, 임대차 기간, 보증금이나 건물 반환, 유지·수선 의무, 권리금, 계약 해석·갱신·종료, "
            "손해배상, 공인중개사 보수 등 비용부담에 관한 상가 임대차 분쟁은 상가건물임대차분쟁조정위원회에서 "
            "심의·조정해요 (상가건물 임대차보호법 제20조 ①·②, 같은 법 시행령 제10조)."
        ),
        answer_en=(
            "Disputes over rent or deposit changes, term, return of deposit or premises, repairs, key money, "
            "interpretation, renewal or end of the lease, damages and brokerage fees are heard by the commercial "
            "lease dispute mediation committee (상가건물 임대차보호법 제20조 ①·②, 같은 법 시행령 제10조)."
        ),
        refs=(_MEDIATION, ArticleRef(DECREE, 10)),
    ),
)
