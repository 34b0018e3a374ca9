"""부동산 거래신고 등에 관한 법률 (+ 시행령, 시행규칙): reporting deals and leases, and land permits.

Sale reports and their cancellation, the housing lease report (전월세 신고제) with the thresholds the
시행령 sets, the fines for not or falsely reporting, foreigners' reports, and 토지거래허가구역.
"""

from __future__ import annotations

from agents.tools.legal_issues.types import ArticleRef, LegalIssue

LAW = "부동산거래신고등에관한법률"
DECREE = "부동산거래신고등에관한법률시행령"
RULE = "부동산거래신고등에관한법률시행규칙"

ISSUES: tuple[LegalIssue, ...] = (
    # --- Sale reports ----------------------------------------------------------------------------
    LegalIssue(
        key="transactions_sale_report",
        title="부동산 거래 신고(실거래 신고) 기한",
        cues=(
            "실거래 신고",
            "부동산 거래신고 기한",
            "매매 신고 언제까지",
            "집 사고 신고해야 해",
            "실거래가 신고 30일",
            "거래신고 누가 해",
            "중개사가 거래신고",
            "분양권 거래 신고",
            "real estate transaction report deadline",
            "sale reported by when by whom",
        ),
        answer=(
            "부동산 매매계약(분양 공급계약과 분양권·입주권 매매 포함)을 맺으면 거래당사자는 실제 거래가격 등을 "
            "계약일부터 30일 이내에 소재지 시장·군수·구청장에게 공동으로 신고해야 하고, 개업공인중개사가 거래계약서를 "
            "작성했다면 중개사가 신고해요. 한쪽이 신고를 거부하면 단독으로 신고할 수 있어요 "
            "(부동산 거래신고 등에 관한 법률 제3조 ①·②·③)."
        ),
        answer_en=(
            "After a sale contract (including supply contracts and sales of the right to a new unit) the parties "
            "must jointly report the actual price to the city, county or district within 30 days, or the broker "
            "does if the broker drew up the contract; if one side refuses the other may report alone "
            "(부동산 거래신고 등에 관한 법률 제3조 ①·②·③)."
        ),
        refs=(ArticleRef(LAW, 3, clauses=(1, 2, 3)),),
        next_steps=(
            (
                "신고 후 계약이 해제·무효·취소되면 확정된 날부터 30일 이내에 해제등 신고를 하세요.",
                ArticleRef(LAW, 3, sub=2, clauses=(1,)),
            ),
        ),
    ),
    LegalIssue(
        key="transactions_sale_cancellation_report",
        title="거래 해제·무효·취소 신고",
        cues=(
            "계약 해제 신고",
            "거래 취소 신고",
            "매매 계약 깨졌는데 신고",
            "실거래 신고 취소",
            "해제등 신고 기한",
            "신고한 매매계약 해제됐는데 또 신고",
            "sale cancellation report",
        ),
        answer=(
            "거래 신고 뒤 계약이 해제·무효·취소되면 거래당사자는 확정된 날부터 30일 이내에 신고관청에 공동으로 "
            "신고해야 하고(한쪽이 거부하면 단독 신고 가능), 중개사가 거래신고를 했다면 중개사가 신고할 수 있어요. "
            "해제되지 않았는데 거짓으로 해제 신고를 하는 것은 금지돼요 "
            "(부동산 거래신고 등에 관한 법률 제3조의2 ①·②, 제4조 제5호)."
        ),
        answer_en=(
            "If a reported deal is rescinded, void or annulled, the parties must jointly report it within 30 "
            "days of that becoming final (alone if the other refuses), or the broker may if the broker filed the "
            "report; reporting a cancellation that did not happen is prohibited "
            "(부동산 거래신고 등에 관한 법률 제3조의2 ①·②, 제4조 제5호)."
        ),
        refs=(
            ArticleRef(LAW, 3, sub=2, clauses=(1, 2)),
            ArticleRef(LAW, 4, items=(5,)),
        ),
    ),
    LegalIssue(
        key="transactions_sale_report_fines",
        title="거래 미신고·거짓 신고 과태료",
        cues=(
            "거래신고 안 하면 과태료",
            "실거래 신고 늦으면",
            "다운계약 과태료",
            "업계약 과태료",
            "허위 신고 과태료",
            "다운계약서 쓰자는데 걸리면",
            "매도인이 계약서 금액 실제보다 낮게 쓰자",
            "seller wants to write a lower price on the contract",
            "agent suggested reporting a lower price to save taxes",
            "under-report the sale price how bad",
            "다운계약서 처벌",
            "실거래가 거짓 신고 처벌",
            "자진 신고 과태료 감면",
            "transaction report fine",
        ),
        answer=(
            "거래신고나 해제등 신고를 하지 않으면(공동신고 거부 포함) 500만원 이하, 거래신고를 거짓으로 하면 "
            "취득가액의 100분의 10 이하의 과태료가 부과돼요. 계약하지 않았는데 거짓으로 신고하면 3천만원 이하의 "
            "과태료 대상이고, 부당한 이득을 얻을 목적이었다면 3년 이하의 징역 또는 3천만원 이하의 벌금에 처해져요 "
            "(부동산 거래신고 등에 관한 법률 제28조 ①·②·③, 제26조 ①)."
        ),
        answer_en=(
            "Not filing a sale or cancellation report (or refusing to co-file) is fined up to 500만원, a false "
            "sale report up to 100분의 10 of the acquisition price, a report of a deal that never happened up to "
            "3천만원, and if done for unjust gain up to 3 years in prison or a fine of up to 3천만원 "
            "(부동산 거래신고 등에 관한 법률 제28조 ①·②·③, 제26조 ①)."
        ),
        refs=(
            ArticleRef(LAW, 28, clauses=(1, 2, 3)),
            ArticleRef(LAW, 26, clauses=(1,)),
        ),
        next_steps=(
            (
                "위반 사실을 자진 신고하면 과태료를 감경하거나 면제받을 수 있어요.",
                ArticleRef(LAW, 29),
            ),
        ),
    ),
    LegalIssue(
        key="transactions_false_report_request",
        title="중개사에게 거짓 신고 요구 금지",
        cues=(
            "중개사한테 다운계약 요구",
            "신고 가격 낮춰달라",
            "업계약 써달라고 부탁",
            "거래신고 하지 말자",
            "거짓 신고 방조",
            "asking broker to underreport price",
        ),
        answer=(
            "누구든지 개업공인중개사에게 거래신고를 하지 않게 하거나 거짓으로 신고하라고 요구해서는 안 되고, 거짓 "
            "신고를 조장하거나 방조해서도 안 되며, 어기면 500만원 이하의 과태료 대상이에요 "
            "(부동산 거래신고 등에 관한 법률 제4조 제1호·제3호, 제28조 ② 제2호·제3호)."
        ),
        answer_en=(
            "No one may ask a broker not to report a deal or to report it falsely, or encourage or assist a false "
            "report; doing so is fined up to 500만원 "
            "(부동산 거래신고 등에 관한 법률 제4조 제1호·제3호, 제28조 ② 제2호·제3호)."
        ),
        refs=(
            ArticleRef(LAW, 4, items=(1, 3)),
            ArticleRef(LAW, 28, clauses=(2,), items=(2, 3)),
        ),
    ),
    # --- Housing lease reports (전월세 신고제) ---------------------------------------------------------
    LegalIssue(
        key="transactions_lease_report_renewal",
        title="금액 변동 없는 갱신의 임대차 신고",
        cues=(
            "기간만 연장 신고",
            "금액 그대로 재계약 신고",
            "보증금 월세 그대로 갱신 신고",
            "조건 똑같이 재계약 임대차 신고",
            "기간만 늘리는 재계약 신고 대상",
            "renewal with the same rent report",
            "extend the lease on the same terms report",
        ),
        answer=(
            "신고 대상은 보증금 6천만원 초과 또는 월 차임 30만원 초과 주택 임대차 계약이지만, 갱신하면서 보증금과 "
            "차임의 증감 없이 기간만 연장하는 계약은 빠져요 (부동산 거래신고 등에 관한 법률 시행령 제4조의3 ①, "
            "법 제6조의2 ①)."
        ),
        answer_en=(
            "Leases over a 6천만원 deposit or 30만원 monthly rent must be reported, but a renewal that only "
            "extends the term with no change in deposit or rent is excluded "
            "(부동산 거래신고 등에 관한 법률 시행령 제4조의3 ①, 법 제6조의2 ①)."
        ),
        refs=(ArticleRef(DECREE, 4, sub=3, clauses=(1,)), ArticleRef(LAW, 6, sub=2, clauses=(1,))),
    ),
    LegalIssue(
        key="transactions_lease_report_contents",
        title="임대차 신고서 기재 사항",
        cues=(
            "임대차 신고서에 뭘 적",
            "임대차 신고 항목",
            "임대차 신고서 기재 사항",
            "전월세 신고할 때 적는 내용",
            "갱신요구권 행사 여부 신고",
            "what goes on the lease report form",
        ),
        answer=(
            "주택 임대차 신고서에는 당사자 인적사항, 주택 소재지·종류·임대 면적, 보증금 또는 월 차임, 계약 체결일과 "
            "계약 기간, 갱신한 경우 계약갱신요구권 행사 여부, 중개한 개업공인중개사의 사무소 정보를 적어요 "
            "(부동산 거래신고 등에 관한 법률 시행규칙 제6조의2 ①)."
        ),
        answer_en=(
            "The lease report states the parties' details, the home's address, type and leased area, the deposit "
            "or monthly rent, the contract date and term, whether the renewal right was used (for a renewal), and "
            "the brokerage office that mediated it (부동산 거래신고 등에 관한 법률 시행규칙 제6조의2 ①)."
        ),
        refs=(ArticleRef(RULE, 6, sub=2, clauses=(1,)),),
    ),
    LegalIssue(
        key="transactions_lease_report",
        title="주택 임대차 계약 신고(전월세 신고제)",
        cues=(
            "전월세 신고",
            "임대차 신고제",
            "전세 계약 신고해야 해",
            "월세 신고 기준 금액",
            "주택 임대차 신고 30일",
            "보증금 6천만원 신고",
            "월세 30만원 넘으면 신고",
            "임대차 신고 누가",
            "rental contract report",
        ),
        answer=(
            "보증금 6천만원 초과 또는 월세 30만원 초과 주택 임대차 계약(금액 변동 없이 기간만 연장하는 갱신은 제외)을 "
            "맺으면 임대인과 임차인은 계약일부터 30일 이내에 주택 소재지 신고관청에 공동으로 신고해야 하고, 대상 "
            "지역은 특별자치시·특별자치도·시·군(광역시·경기도의 군)·자치구예요. 한쪽이 거부하면 단독으로 신고할 수 "
            "있어요 (부동산 거래신고 등에 관한 법률 제6조의2 ①·②·③, 같은 법 시행령 제4조의3 ①·②)."
        ),
        answer_en=(
            "A housing lease with a deposit over 6천만원 or monthly rent over 30만원 (except a renewal that only "
            "extends the term) must be jointly reported by landlord and tenant within 30 days in special "
            "self-governing cities and provinces, cities, counties of metropolitan cities and Gyeonggi, and "
            "autonomous districts; one side may report alone if the other refuses "
            "(부동산 거래신고 등에 관한 법률 제6조의2 ①·②·③, 같은 법 시행령 제4조의3 ①·②)."
        ),
        refs=(
            ArticleRef(LAW, 6, sub=2, clauses=(1, 2, 3)),
            ArticleRef(DECREE, 4, sub=3, clauses=(1, 2)),
        ),
        next_steps=(
            (
                "전입신고를 하면 임대차 신고를 한 것으로 보고, 계약서를 내고 신고하면 확정일자도 받은 것으로 봐요.",
                ArticleRef(LAW, 6, sub=5, clauses=(1, 3)),
            ),
        ),
    ),
    LegalIssue(
        key="transactions_lease_report_alone",
        title="한쪽이 임대차 신고를 거부할 때 단독 신고",
        cues=(
            "임대차 신고 혼자 해도",
            "전월세 신고 저 혼자",
            "집주인이 임대차 신고 안 해준대",
            "전월세 신고 협조 안 해",
            "임대차 신고 거부",
            "임대차 단독 신고",
            "단독신고사유서",
            "landlord refuses to file the lease report",
            "file the rental report alone",
        ),
        answer=(
            "임대차계약당사자 중 한쪽이 신고를 거부하면 다른 한쪽이 단독으로 신고할 수 있어요. 이때는 임대차 "
            "신고서에 혼자 서명 또는 날인하고 주택 임대차 계약서(작성한 경우) 등 계약 사실을 입증할 서류와 "
            "단독신고사유서를 붙여 신고관청에 내고, 신고관청이 단독신고 사유에 해당하는지 확인해요 "
            "(부동산 거래신고 등에 관한 법률 제6조의2 ③, 같은 법 시행규칙 제6조의2 ③·⑤)."
        ),
        answer_en=(
            "If one party refuses to report the lease, the other may report it alone: sign the lease report form "
            "alone and attach the lease contract (if one was written) or other proof of the lease together with a "
            "statement of the reason for reporting alone; the reporting office checks that the reason applies "
            "(부동산 거래신고 등에 관한 법률 제6조의2 ③, 같은 법 시행규칙 제6조의2 ③·⑤)."
        ),
        refs=(
            ArticleRef(LAW, 6, sub=2, clauses=(3,)),
            ArticleRef(RULE, 6, sub=2, clauses=(3, 5)),
        ),
    ),
    LegalIssue(
        key="transactions_lease_change_report",
        title="임대차 계약 변경·해제 신고",
        cues=(
            "월세 올리면 다시 신고",
            "보증금 변경 신고",
            "임대차 계약 해제 신고",
            "재계약 금액 바뀌면 신고",
            "전월세 변경 신고 기한",
            "lease change report",
        ),
        answer=(
            "주택 임대차 신고 뒤 보증금·차임 등 임대차 가격이 바뀌거나 계약이 해제되면 변경·해제가 확정된 날부터 "
            "30일 이내에 신고관청에 공동으로 신고해야 하고, 한쪽이 거부하면 단독으로 신고할 수 있어요 "
            "(부동산 거래신고 등에 관한 법률 제6조의3 ①·②)."
        ),
        answer_en=(
            "If the deposit or rent of a reported housing lease changes, or the lease is rescinded, it must be "
            "jointly reported within 30 days of becoming final, or by one side alone if the other refuses "
            "(부동산 거래신고 등에 관한 법률 제6조의3 ①·②)."
        ),
        refs=(ArticleRef(LAW, 6, sub=3, clauses=(1, 2)),),
    ),
    LegalIssue(
        key="transactions_lease_report_deemed",
        title="전입신고·확정일자와 임대차 신고의 관계",
        cues=(
            "전입신고 했으면 전월세 신고 따로 안 해도",
            "전입신고로 임대차 신고 대신",
            "전입신고 했는데 전월세 신고 또 해야",
            "move-in report counts as the lease report",
            "do i still need to report the lease after the move-in report",
            "전입신고 하면 임대차 신고 안 해도",
            "임대차 신고하면 확정일자",
            "확정일자 자동으로",
            "임대사업자 임대차 신고",
            "신고 의제",
            "lease report fixed date",
        ),
        answer=(
            "임차인이 주민등록법에 따라 전입신고를 하면 주택 임대차 계약 신고를 한 것으로 보고, 임대차 신고나 변경 "
            "신고 접수가 끝나면 임대차계약서를 제출한 경우에 한해 확정일자를 부여한 것으로 봐요. 공공주택사업자와 "
            "임대사업자가 관련 법령에 따라 신고하면 이 법의 신고를 한 것으로 봐요 "
            "(부동산 거래신고 등에 관한 법률 제6조의5 ①·②·③)."
        ),
        answer_en=(
            "A tenant's move-in registration counts as the lease report, and once a lease report or change report "
            "with the contract attached is accepted, a fixed date is deemed given; reports by public housing "
            "providers and registered rental businesses under their own laws also count "
            "(부동산 거래신고 등에 관한 법률 제6조의5 ①·②·③)."
        ),
        refs=(ArticleRef(LAW, 6, sub=5, clauses=(1, 2, 3)),),
    ),
    LegalIssue(
        key="transactions_lease_report_fines",
        title="임대차 미신고·거짓 신고 과태료",
        cues=(
            "임대차 신고 안 하면 과태료",
            "전월세 신고 안 하면",
            "월세 신고 늦으면 과태료",
            "임대차 거짓 신고",
            "전월세 신고 과태료 얼마",
            "lease report fine",
        ),
        answer=(
            "주택 임대차 계약 신고나 변경·해제 신고를 하지 않거나(공동신고 거부 포함) 거짓으로 하면 100만원 이하의 "
            "과태료가 부과돼요 (부동산 거래신고 등에 관한 법률 제28조 ⑤ 제3호)."
        ),
        answer_en=(
            "Not filing, refusing to co-file or falsely filing a housing lease report or change report is fined up "
            "to 100만원 (부동산 거래신고 등에 관한 법률 제28조 ⑤ 제3호)."
        ),
        refs=(ArticleRef(LAW, 28, clauses=(5,), items=(3,)),),
    ),
    # --- Foreigners ----------------------------------------------------------------------------
    LegalIssue(
        key="transactions_foreigner_acquisition",
        title="외국인의 부동산 취득 신고·허가",
        cues=(
            "외국인 부동산 취득 신고",
            "외국인 증여 교환 부동산 신고",
            "외국인 상속 부동산 신고",
            "외국인 토지 취득 허가",
            "외국 국적 부동산 신고 기한",
            "foreigner acquire property gift exchange report",
            "foreigner inherited property report",
            "외국인 경매로 집 취득 신고",
            "외국인 낙찰 받았는데 신고",
            "foreigner bought at a court auction report",
            "foreigner acquired by auction or inheritance",
        ),
        answer=(
            "외국인등이 매매 등 거래신고 대상이 아닌 계약으로 국내 부동산등을 취득하면 계약일부터 60일 이내에, "
            "상속·경매 등 계약 외 원인으로 취득하면 취득일부터 6개월 이내에 신고관청에 신고해야 해요. 군사시설 "
            "보호구역 등 일부 구역의 토지는 계약 전에 허가를 받아야 하고, 허가 없이 맺은 계약은 효력이 없어요 "
            "(부동산 거래신고 등에 관한 법률 제8조 ①·②, 제9조 ①·③)."
        ),
        answer_en=(
            "Foreigners acquiring property by a contract other than a reportable sale must report within 60 days, "
            "and within 6 months when acquiring by inheritance, auction or other non-contract causes; land in "
            "military protection zones and similar areas needs a permit before signing, without which the "
            "contract has no effect (부동산 거래신고 등에 관한 법률 제8조 ①·②, 제9조 ①·③)."
        ),
        refs=(ArticleRef(LAW, 8, clauses=(1, 2)), ArticleRef(LAW, 9, clauses=(1, 3))),
    ),
    # Land in a military protection zone (and the other zones 제9조 ① lists) needs a permit before a
    # foreigner signs: reporting afterwards as for an ordinary sale is not enough.
    LegalIssue(
        key="transactions_foreigner_land_permit",
        title="외국인의 군사시설 보호구역 등 토지 취득 허가",
        cues=(
            "외국인 군사시설 보호구역 토지",
            "외국인 군사시설 보호구역 땅 계약하고 신고",
            "외국인 군사보호구역 땅 사도",
            "외국 국적 문화유산 보호구역 토지 취득",
            "외국인 토지취득 허가 안 받고 계약",
            "외국인 생태경관보전지역 땅",
            "외국인 토지 계약 전에 허가",
            "foreigner land military protection zone",
            "foreigner buying land in a military facility protection zone",
            "foreigner sign first and report afterwards land permit",
            "foreign citizen land acquisition permit before signing",
        ),
        answer=(
            "외국인등이 사려는 토지가 군사기지 및 군사시설 보호구역, 지정문화유산 보호구역, 생태·경관보전지역, "
            "야생생물 특별보호구역 등에 있으면 계약을 체결하기 전에 신고관청에서 토지취득 허가를 받아야 하고(토지거래"
            "허가를 받은 경우는 제외), 허가 없이 맺은 계약은 효력이 없어요. 허가 없이 계약하면 2년 이하의 징역 또는 "
            "2천만원 이하의 벌금에 처해져요 (부동산 거래신고 등에 관한 법률 제9조 ①·③, 제26조 ②)."
        ),
        answer_en=(
            "If land a foreigner wants to acquire lies in a military base or facility protection zone, a designated "
            "cultural-heritage protection area, an ecological and landscape conservation area or a special wildlife "
            "protection zone, the foreigner must get an acquisition permit from the reporting office before signing "
            "(unless a land-transaction permit was obtained); a contract signed without it has no effect, and "
            "signing without it is punished by up to 2 years in prison or a fine of up to 2천만원 "
            "(부동산 거래신고 등에 관한 법률 제9조 ①·③, 제26조 ②)."
        ),
        refs=(ArticleRef(LAW, 9, clauses=(1, 3)), ArticleRef(LAW, 26, clauses=(2,))),
    ),
    # A foreigner's sale is reported like anyone's (제3조): 제8조's 60-day report leaves out the
    # contracts 제3조 ① already covers.
    LegalIssue(
        key="transactions_foreigner_sale_report",
        title="외국인이 부동산을 매수할 때의 신고",
        cues=(
            "외국인 아파트 매매 신고",
            "외국인인데 집 샀어 신고",
            "외국인 매수 실거래 신고 기한",
            "외국 국적인데 집 사면 신고 언제까지",
            "foreigner bought an apartment report",
            "foreigner sale contract report deadline",
            "foreigner buying a house what to file",
        ),
        answer=(
            "외국인등의 취득 신고(계약일부터 60일 이내)는 매매계약처럼 거래신고 대상인 계약을 빼고 적용되므로, "
            "외국인이 부동산을 사는 매매계약은 거래당사자가 실제 거래가격 등을 계약일부터 30일 이내에 부동산 소재지 "
            "시장·군수·구청장에게 공동으로 신고하고, 개업공인중개사가 거래계약서를 작성했다면 중개사가 신고해요 "
            "(부동산 거래신고 등에 관한 법률 제3조 ①·③, 제8조 ①)."
        ),
        answer_en=(
            "A foreigner who signs a contract to buy property reports it like any buyer: the parties jointly report "
            "the actual price to the city, county or district office within 30 days of signing, or the broker does "
            "if the broker drew up the contract; the foreigners' 60-day acquisition report excludes such sale "
            "contracts (부동산 거래신고 등에 관한 법률 제3조 ①·③, 제8조 ①)."
        ),
        refs=(ArticleRef(LAW, 3, clauses=(1, 3)), ArticleRef(LAW, 8, clauses=(1,))),
    ),
    # --- 토지거래허가구역 ---------------------------------------------------------------------------
    LegalIssue(
        key="transactions_land_permit",
        title="토지거래허가구역의 허가",
        cues=(
            "토지거래허가구역",
            "토허제",
            "허가구역 아파트 매매",
            "토지거래허가 안 받으면",
            "허가 없이 계약 무효",
            "토지거래계약 허가",
            "land transaction permit zone",
        ),
        answer=(
            "토지거래허가구역에서 토지의 소유권·지상권을 대가를 받고 이전·설정하는 계약(예약 포함)을 맺으려면 "
            "당사자가 공동으로 시장·군수·구청장의 허가를 받아야 하고, 허가 없이 맺은 계약은 효력이 없어요. 허가 "
            "없이 계약하면 2년 이하의 징역 또는 계약 당시 개별공시지가에 따른 토지가격의 100분의 30 이하 벌금 "
            "대상이에요 (부동산 거래신고 등에 관한 법률 제11조 ①·⑥, 제26조 ③)."
        ),
        answer_en=(
            "In a land-transaction permit zone, contracts (including options) transferring or creating ownership "
            "or surface rights for value need a joint permit from the city, county or district, and without one "
            "the contract has no effect; signing without a permit carries up to 2 years in prison or a fine of up "
            "to 100분의 30 of the land's official value (부동산 거래신고 등에 관한 법률 제11조 ①·⑥, 제26조 ③)."
        ),
        refs=(ArticleRef(LAW, 11, clauses=(1, 6)), ArticleRef(LAW, 26, clauses=(3,))),
    ),
    LegalIssue(
        key="transactions_land_permit_use_duty",
        title="허가받은 토지의 이용 의무와 이행강제금",
        cues=(
            "토지거래허가 실거주 의무",
            "허가구역 거주용 주택용지",
            "허가 받고 다른 용도로 쓰면",
            "허가구역 이용의무 기간",
            "허가구역 아파트 사면 실거주 해야",
            "허가받고 산 집 직접 살아야",
            "토지거래허가 받고 산 집 전세 줘도",
            "허가받은 아파트 세 놔도 돼",
            "토허제 실거주 몇 년",
            "can I rent out a home bought with a land transaction permit",
            "must I live in a home bought in a land permit zone",
            "토지 이행강제금",
            "land permit use obligation",
        ),
        answer=(
            "토지거래허가를 받은 사람은 5년 범위에서 대통령령이 정한 기간 동안 토지를 허가받은 목적대로 "
            "이용해야 하고, 자기 거주용 주택용지로 허가받았다면 그 기간은 토지 취득일부터 2년이에요. 이용 의무를 "
            "어기고 이행명령도 따르지 않으면 취득가액의 100분의 10 범위에서 이행강제금이 부과되고, 최초 "
            "이행명령일을 기준으로 1년에 한 번씩 반복해 부과될 수 있어요. 허가 자체도 이용목적이 자기 거주용 "
            "주택용지 등 법이 정한 목적이어야 나와요 (부동산 거래신고 등에 관한 법률 제17조 ①, 제18조 ②·③, "
            "제12조, 같은 법 시행령 제14조 ②)."
        ),
        answer_en=(
            "Whoever gets a land-transaction permit must use the land as permitted for the period set by decree "
            "within 5 years, which for one's own residential site is 2 years from acquiring it; ignoring an order "
            "to comply brings a charge of up to 100분의 10 of the acquisition price, repeatable once every 1 year "
            "from the first order, and the permit itself is given only for a statutory purpose such as one's own "
            "residential site (부동산 거래신고 등에 관한 법률 제17조 ①, 제18조 ②·③, 제12조, 같은 법 시행령 "
            "제14조 ②)."
        ),
        # the duty to use the land as permitted (제17조) governs; the decree sets its period, 제12조 the
        # purposes a permit is given for
        refs=(
            ArticleRef(LAW, 17, clauses=(1,)),
            ArticleRef(DECREE, 14, clauses=(2,), items=(1,)),
            ArticleRef(LAW, 18, clauses=(2, 3)),
            ArticleRef(LAW, 12),
        ),
    ),
    LegalIssue(
        key="transactions_land_permit_exempt_area",
        title="토지거래허가가 필요 없는 면적",
        cues=(
            "허가구역 소형 면적 허가 필요",
            "토지거래허가 면적 기준",
            "허가 면제 면적",
            "주거지역 60제곱미터 허가",
            "허가구역 작은 땅",
            "land permit exempt area",
        ),
        answer=(
            "허가구역이라도 용도별 기준면적 이하 토지는 허가가 필요 없고, 기준은 도시지역의 주거지역 60제곱미터, "
            "상업·공업지역 150제곱미터, 녹지지역 200제곱미터, 도시지역 밖 250제곱미터(농지 500제곱미터, 임야 "
            "1천제곱미터)예요. 다만 지정 때 기준면적의 10퍼센트 이상 300퍼센트 이하 범위에서 따로 정해 공고할 수 "
            "있어요 (부동산 거래신고 등에 관한 법률 제11조 ②, 같은 법 시행령 제9조 ①)."
        ),
        answer_en=(
            "Within a permit zone no permit is needed at or below the base area: in urban areas 60 square metres "
            "for residential, 150 for commercial or industrial and 200 for green zones; outside urban areas 250 "
            "(500 for farmland, 1천 for forest); the designation may set other figures between 10 and 300 "
            "percent of these (부동산 거래신고 등에 관한 법률 제11조 ②, 같은 법 시행령 제9조 ①)."
        ),
        refs=(ArticleRef(LAW, 11, clauses=(2,)), ArticleRef(DECREE, 9, clauses=(1,))),
    ),
    # --- Fixing a report already filed --------------------------------------------------------------
    LegalIssue(
        key="transactions_report_correction",
        title="거래신고 내용 정정·변경",
        cues=(
            "실거래 신고 잘못 적었",
            "거래신고 정정",
            "신고 내용 고칠 수",
            "면적 잘못 신고",
            "거래가격 바뀌었는데 변경 신고",
            "신고필증 정정",
            "correct a mistake in the transaction report",
            "change reported price after filing",
        ),
        answer=(
            "거래당사자나 개업공인중개사는 신고한 내용 중 주소·전화번호, 거래 지분 비율, 중개사 상호·소재지, 건축물의 "
            "종류, 부동산의 지목·면적·거래 지분·대지권비율이 잘못 적혔으면 신고필증에 정정 사항을 표시하고 서명·날인해 "
            "신고관청에 정정을 신청할 수 있어요. 거래가격, 면적, 중도금·잔금과 지급일 등이 바뀌었으면 등기신청 전에 "
            "변경신고를 할 수 있고, 신고관청은 확인 뒤 신고필증을 다시 발급해요 "
            "(부동산 거래신고 등에 관한 법률 시행규칙 제3조 ①·②·③·⑥)."
        ),
        answer_en=(
            "If a filed report got the address or phone number, share ratio, broker's details, building type, or "
            "the land category, area, share or land-right ratio wrong, the parties or the broker may ask the office "
            "to correct it by marking and signing the report certificate; changes such as the price, the area or "
            "the interim and final payments may be reported before registration, and the office reissues the "
            "certificate (부동산 거래신고 등에 관한 법률 시행규칙 제3조 ①·②·③·⑥)."
        ),
        refs=(ArticleRef(RULE, 3, clauses=(1, 2, 3, 6)),),
    ),
    LegalIssue(
        key="transactions_report_by_proxy",
        title="거래신고서 제출 대행 (위임장)",
        cues=(
            "거래신고 대신 제출",
            "거래신고 대신 가서",
            "대신 실거래 신고",
            "신고서 대신 내",
            "대신 신고하러 가면 뭐 챙겨",
            "가족이 대신 신고",
            "부모님 대신 거래신고",
            "신고서 제출 대행",
            "위임받아 신고",
            "위임장 신고",
            "대리인 거래신고",
            "신고 대리",
            "소속공인중개사가 신고서 제출",
            "file the transaction report on someone's behalf",
            "submit the report for my parents",
            "power of attorney to file the report",
            "proxy file the deal report",
        ),
        answer=(
            "거래당사자의 위임을 받은 사람은 부동산거래계약 신고서 등의 제출을 대행할 수 있어요. 이때 대행하는 사람은 "
            "신분증명서를 신고관청에 보여주고, 위임한 거래당사자가 서명하거나 날인한 위임장과 그 거래당사자의 "
            "신분증명서 사본을 함께 내야 해요 (부동산 거래신고 등에 관한 법률 시행규칙 제5조 ①)."
        ),
        answer_en=(
            "Someone the party to the deal has authorised may file the deal report for them: they show their own ID "
            "to the reporting office and submit a letter of authorisation signed or sealed by the party and a copy "
            "of the party's ID (부동산 거래신고 등에 관한 법률 시행규칙 제5조 ①)."
        ),
        refs=(ArticleRef(RULE, 5, clauses=(1,)), ArticleRef(LAW, 3, clauses=(1,))),
    ),
)
