"""민법: the lease, sale and deposit articles behind everyday questions.

Only the parts of the Civil Act that tenants, landlords and buyers run into: the lease chapter
(repairs, costs, subleases, arrears, notice, restoring and annexes), earnest money and breach, the
seller's warranty, and 전세권. 주택·상가 special laws override some of these; their entries live in
housing.py and commercial.py.
"""

from __future__ import annotations

from agents.tools.legal_issues.types import ArticleRef, LegalIssue

LAW = "민법"
COMMERCIAL = "상가건물임대차보호법"
HOUSING = "주택임대차보호법"

ISSUES: tuple[LegalIssue, ...] = (
    # --- Repairs and costs during the lease -----------------------------------------------------
    LegalIssue(
        key="civil_landlord_repair_duty",
        title="임대인의 수선 의무",
        cues=(
            "보일러 고장 수리비 누가",
            "집 고장 집주인이 고쳐줘야 해",
            "집주인이 수리 안 해줘",
            "물 새는데 집주인이 안 고쳐줘",
            "고쳐달라고 했는데 집주인이 안 고쳐",
            "landlord refuses to repair the leak",
            "누수 수리 책임 누구",
            "에어컨 고장 집주인 책임",
            "세입자가 수리해야 해",
            "임대인 수선의무",
            "사용 수익에 필요한 상태",
            "landlord repair duty",
            "broken boiler who pays",
            "landlord supposed to fix",
            "landlord won't fix",
            # the landlord putting a repair on the tenant ("it's your problem, you live there")
            "landlord says fixing it is my problem",
            "landlord says repairs are the tenant's job",
            "who pays to fix the heating",
            "who is responsible for repairs landlord or tenant",
            "landlord refuses to fix the boiler",
            "heater broke down landlord won't repair",
            "집주인이 고장 수리는 세입자 몫이래",
            "보일러 고장났는데 집주인이 사는 사람이 고치래",
        ),
        answer=(
            "임대인은 목적물을 임차인에게 넘겨주고, 계약이 이어지는 동안 임차인이 쓰고 누리는 데 필요한 상태를 "
            "유지해 줄 의무가 있어요 (민법 제623조)."
        ),
        answer_en=(
            "The landlord must hand over the property and keep it in the condition needed for the tenant's use "
            "for as long as the lease runs (민법 제623조)."
        ),
        refs=(ArticleRef(LAW, 623),),
        next_steps=(
            ("수리가 필요하면 지체 없이 임대인에게 알리세요.", ArticleRef(LAW, 634)),
            (
                "보존에 필요한 비용을 직접 냈다면 임대인에게 상환을 청구할 수 있어요.",
                ArticleRef(LAW, 626, clauses=(1,)),
            ),
        ),
    ),
    LegalIssue(
        key="civil_tenant_expense_reimbursement",
        title="필요비·유익비 상환 청구",
        cues=(
            "내 돈으로 고쳤는데 돌려받을 수 있어",
            "집주인 대신 수리하고 비용 청구",
            "보일러 고장 고쳤는데 수리비 돌려받기",
            "샷시 달았는데 나갈 때 돈 받을 수",
            "수리비 집주인한테 청구",
            "필요비 유익비",
            "인테리어 비용 돌려받기",
            "샷시 교체 비용 청구",
            "비용 상환 청구 기한",
            "tenant repair cost reimbursement",
            "paid for repairs myself get money back",
            "제 돈으로 공사했는데 나갈 때 비용 받을 수",
            "내 돈 들여 고쳤는데 달라고 할 수",
            "improvements I paid for get the cost back when I leave",
        ),
        answer=(
            "임차인이 임차물 보존에 필요한 비용(필요비)을 쓰면 임대인에게 상환을 청구할 수 있고, 가치를 높인 "
            "비용(유익비)은 임대차가 끝날 때 그 가치 증가가 남아 있는 경우에만 임대인이 지출액이나 증가액을 "
            "상환해요. 이 청구는 임대인이 목적물을 돌려받은 날부터 6월 안에 해야 해요 "
            "(민법 제626조 ①·②, 제654조, 제617조)."
        ),
        answer_en=(
            "A tenant who pays necessary costs of preserving the property may claim them from the landlord; "
            "improvement costs are repaid at the end of the lease (the amount spent or the added value) only if "
            "the added value remains, and the claim must be made within 6 months after the landlord gets the "
            "property back (민법 제626조 ①·②, 제654조, 제617조)."
        ),
        refs=(
            ArticleRef(LAW, 626, clauses=(1, 2)),
            ArticleRef(LAW, 654),
            ArticleRef(LAW, 617),
        ),
    ),
    LegalIssue(
        key="civil_landlord_preservation_work",
        title="임대인의 보존행위와 임차인의 해지권",
        cues=(
            "집주인이 공사한다고 들어온대",
            "집주인 수리하러 오는 거 거절",
            "공사한다고 집 안에 들어와야 한대",
            "임대인 보존행위 거절",
            "수리 공사 때문에 못 살겠어",
            "보존에 필요한 행위",
            "landlord repair work access",
        ),
        answer=(
            "임대인이 임대물 보존에 필요한 행위를 하면 임차인은 거절할 수 없지만, 임차인 뜻에 반한 보존행위 "
            "때문에 임차 목적을 이룰 수 없게 되면 계약을 해지할 수 있어요 (민법 제624조, 제625조)."
        ),
        answer_en=(
            "A tenant cannot refuse work the landlord needs to preserve the property, but may terminate if such "
            "work against the tenant's will defeats the purpose of the lease (민법 제624조, 제625조)."
        ),
        refs=(ArticleRef(LAW, 624), ArticleRef(LAW, 625)),
    ),
    LegalIssue(
        key="civil_tenant_notice_duty",
        title="임차인의 통지 의무(수리 필요·권리 주장자)",
        cues=(
            "누수 생기면 집주인에게 알려야 해",
            "고장 났는데 말 안 하면",
            "물 새는데 집주인한테 말해야 해",
            "고장 그냥 참고 살면",
            "임차인 통지의무",
            "집에 권리 주장하는 사람이 왔어",
            "수리 필요 통지",
            "tenant duty to notify repairs",
            "세입자가 말을 안 해서 누수 커졌",
            "몇 달 동안 하자 안 알린 세입자 책임",
            "고장 숨긴 세입자",
            "tenant never told me about the leak",
        ),
        answer=(
            "임차물에 수리가 필요하거나 임차물에 대해 권리를 주장하는 사람이 있으면, 임대인이 이미 알고 있는 "
            "경우가 아닌 한 임차인은 지체 없이 임대인에게 알려야 해요 (민법 제634조)."
        ),
        answer_en=(
            "If the property needs repair or someone claims rights over it, the tenant must tell the landlord "
            "without delay unless the landlord already knows (민법 제634조)."
        ),
        refs=(ArticleRef(LAW, 634),),
    ),
    LegalIssue(
        key="civil_partial_loss_rent_reduction",
        title="일부 멸실 시 차임 감액·해지",
        cues=(
            "집 일부 못 쓰게 됐는데 월세",
            "방 하나 물 새서 못 써",
            "일부 멸실 차임 감액",
            "화재로 일부 사용 불가 월세",
            "월세 깎아줘 일부 못 씀",
            "partial loss rent reduction",
            "room unusable pay less rent",
            "못 쓰는데 월세 깎아",
            "못 쓰는 만큼 차임 감액",
        ),
        answer=(
            "임차인 과실 없이 임차물 일부가 멸실 등으로 쓸 수 없게 되면 그 부분의 비율만큼 차임 감액을 청구할 "
            "수 있고, 남은 부분으로 임차 목적을 이룰 수 없으면 계약을 해지할 수 있어요 (민법 제627조 ①·②)."
        ),
        answer_en=(
            "If part of the property becomes unusable without the tenant's fault, the tenant may ask for a "
            "proportionate rent reduction, and may terminate if the rest cannot serve the lease's purpose "
            "(민법 제627조 ①·②)."
        ),
        refs=(ArticleRef(LAW, 627, clauses=(1, 2)),),
    ),
    # --- Rent, arrears, sublease ------------------------------------------------------------------
    LegalIssue(
        key="civil_rent_payment_time",
        title="차임 지급 시기",
        cues=(
            "월세 내는 날짜 언제",
            "월세 선불 후불",
            "월세 날짜 안 정했으면",
            "차임 지급 시기",
            "매월말 월세",
            "when is rent due",
        ),
        answer="민법은 건물이나 대지의 차임을 매월 말에 지급하도록 정하고 있어요 (민법 제633조).",
        answer_en="The Civil Act sets rent for buildings and sites as payable at the end of each month (민법 제633조).",
        refs=(ArticleRef(LAW, 633),),
    ),
    LegalIssue(
        key="civil_rent_arrears_termination",
        title="차임 2기 연체와 해지",
        cues=(
            "월세 두 달 밀리면",
            "월세 밀리면 쫓겨나",
            "월세 연체 계약 해지",
            "차임연체 2기",
            "월세 못 내면 나가야 해",
            "집주인이 월세 밀렸다고 나가래",
            "rent arrears termination",
            "unpaid rent two months",
        ),
        answer=(
            "건물 임대차에서 밀린 차임이 2기의 차임액(월 단위 차임이면 2달치)에 이르면 임대인은 계약을 해지할 수 "
            "있고, 이보다 임차인에게 불리한 약정은 효력이 없어요. 상가건물 임대차는 3기의 차임액이 기준이에요 "
            "(민법 제640조, 제652조, 상가건물 임대차보호법 제10조의8)."
        ),
        answer_en=(
            "In a building lease the landlord may terminate once arrears reach 2 periods' rent (2 months for "
            "monthly rent), and terms worse for the tenant are void; for shop leases the threshold is 3 periods "
            "(민법 제640조, 제652조, 상가건물 임대차보호법 제10조의8)."
        ),
        refs=(
            ArticleRef(LAW, 640),
            ArticleRef(LAW, 652),
            ArticleRef(COMMERCIAL, 10, sub=8),
        ),
    ),
    LegalIssue(
        key="civil_sublease_consent",
        title="무단 전대·임차권 양도",
        cues=(
            "집주인 몰래 전대",
            "세입자가 또 세 놓기",
            "방 하나 다른 사람 빌려줘도 돼",
            "전대하려면 집주인 동의 필요",
            "임차권 양도",
            "무단 전대 해지",
            "몰래 에어비앤비 돌려서 계약 해지",
            "세입자가 몰래 방을 남한테 세 줬",
            "tenant sublet a room on airbnb can I terminate",
            "sublet without consent",
            "sublet apartment without telling landlord",
        ),
        answer=(
            "임차인은 임대인 동의 없이 임차권을 양도하거나 임차물을 전대할 수 없고, 어기면 임대인이 계약을 해지할 "
            "수 있어요. 동의를 얻어 전대하면 전차인은 임대인에게 직접 의무를 지고, 건물의 작은 일부분을 남에게 "
            "쓰게 하는 경우에는 이런 제한이 적용되지 않아요 (민법 제629조 ①·②, 제630조 ①, 제632조)."
        ),
        answer_en=(
            "A tenant may not assign the lease or sublet without the landlord's consent, or the landlord may "
            "terminate; a consented subtenant owes duties directly to the landlord, and letting someone use a "
            "small part of a building is outside these rules (민법 제629조 ①·②, 제630조 ①, 제632조)."
        ),
        refs=(
            ArticleRef(LAW, 629, clauses=(1, 2)),
            ArticleRef(LAW, 630, clauses=(1,)),
            ArticleRef(LAW, 632),
        ),
    ),
    LegalIssue(
        key="civil_consented_sublease_effect",
        title="동의받은 전대에서 임대인과 전차인의 관계",
        cues=(
            "집주인이 전차인한테 직접 월세 달래",
            "동의받고 전대줬는데 집주인이 전차인한테 월세",
            "전대 동의 후 집주인과 전차인 관계",
            "전차인 의무 임대인에게 직접",
            "전대인한테 월세 냈는데 집주인이 또 달래",
            "임대인 임차인 합의 해지 전차인",
            "subtenant pay rent directly to landlord",
        ),
        answer=(
            "임대인 동의를 얻어 전대하면 전차인은 임대인에게 직접 의무를 지고, 전대인에게 차임을 낸 것으로 임대인에게 "
            "맞서지 못하며, 임대인은 임차인에게도 여전히 권리를 행사할 수 있어요. 임대인과 임차인이 합의로 계약을 "
            "끝내도 전차인의 권리는 소멸하지 않아요 (민법 제630조 ①·②, 제631조)."
        ),
        answer_en=(
            "With a consented sublease the subtenant owes duties directly to the landlord and cannot rely on rent "
            "paid to the sublessor against the landlord, who keeps its rights against the tenant; ending the lease "
            "by agreement between landlord and tenant does not end the subtenant's rights "
            "(민법 제630조 ①·②, 제631조)."
        ),
        refs=(ArticleRef(LAW, 630, clauses=(1, 2)), ArticleRef(LAW, 631)),
    ),
    # --- Term, notice, renewal -------------------------------------------------------------------
    LegalIssue(
        key="civil_open_term_notice",
        title="기간 약정 없는 임대차의 해지 통고",
        cues=(
            "기간 안 정한 월세 나가려면",
            "계약기간 없는 임대차 해지",
            "집주인이 나가라고 통보하면 언제",
            "세입자 해지 통고 한 달",
            "해지통고 6개월",
            "notice period no fixed term lease",
            "기간 안 정하고 빌려 쓰는데 나가래",
            "기간 없이 빌렸는데 주인이 빼래",
            "기간 안 정했는데 바로 나가야",
            "told to leave next week lease with no fixed term",
        ),
        answer=(
            "임대차 기간을 정하지 않았으면 당사자는 언제든 해지를 통고할 수 있고, 건물 등은 임대인이 통고하면 "
            "6월, 임차인이 통고하면 1월이 지나야 해지 효력이 생겨요 (민법 제635조 ①·②)."
        ),
        answer_en=(
            "With no agreed term either side may give notice at any time; for buildings it takes effect 6 months "
            "after the landlord's notice or 1 month after the tenant's (민법 제635조 ①·②)."
        ),
        refs=(ArticleRef(LAW, 635, clauses=(1, 2)),),
    ),
    LegalIssue(
        key="civil_implied_renewal",
        title="민법상 묵시의 갱신",
        cues=(
            "계약 끝났는데 그냥 계속 살고 있어",
            "만료 후 계속 사용 이의 안 함",
            "묵시의 갱신 민법",
            "기간 끝나고 아무 말 없으면",
            "자동 연장 해지 통고",
            "implied renewal civil act",
        ),
        answer=(
            "기간이 끝난 뒤에도 임차인이 계속 쓰는데 임대인이 상당한 기간 안에 이의하지 않으면 같은 조건으로 다시 "
            "임대차한 것으로 보지만, 당사자는 기간 약정 없는 임대차처럼 해지를 통고할 수 있어요 "
            "(민법 제639조 ①, 제635조)."
        ),
        answer_en=(
            "If the tenant keeps using the property after expiry and the landlord does not object within a "
            "reasonable time, the lease is renewed on the same terms, but either side may give notice as for a "
            "lease with no term (민법 제639조 ①, 제635조)."
        ),
        refs=(ArticleRef(LAW, 639, clauses=(1,)), ArticleRef(LAW, 635, clauses=(1, 2))),
    ),
    LegalIssue(
        key="civil_lease_registration",
        title="임대차등기 협력 청구",
        cues=(
            "임대차 등기",
            "집주인한테 임대차등기 협조 요청",
            "임차권 등기 민법",
            "등기된 임대차 효력",
            "임대차등기절차 협력",
            "임대차 등기 해달라고 요구",
            "집주인이 등기 안 해줘",
            "lease registration civil act",
            "ask the landlord to register the lease",
        ),
        answer=(
            "부동산 임차인은 반대 약정이 없으면 임대인에게 임대차등기 절차에 협력하라고 청구할 수 있고, 등기하면 "
            "그때부터 제삼자에게 효력이 생겨요 (민법 제621조 ①·②)."
        ),
        answer_en=(
            "Unless agreed otherwise, a tenant of real property may require the landlord to cooperate in "
            "registering the lease, which then binds third parties (민법 제621조 ①·②)."
        ),
        refs=(ArticleRef(LAW, 621, clauses=(1, 2)),),
    ),
    # --- Moving out ----------------------------------------------------------------------------
    LegalIssue(
        key="civil_restoration_on_exit",
        title="원상회복 의무와 철거권",
        cues=(
            "원상복구 해야 해",
            "도배 장판 새로 해놓고 나가래",
            "원상복구 어디까지",
            "이사 나갈 때 원상회복",
            "인테리어 철거하고 나가야 해",
            "설치한 물건 떼어가도 돼",
            "원상회복 의무",
            "restore to original condition",
            "벽지 손상 보증금에서 도배비 뺀대",
            "나갈 때 수리비 보증금에서 공제",
            "landlord deducted repair costs from my deposit",
            "kept part of my deposit for wallpaper damage",
            "do I have to fix the damage before moving out",
        ),
        answer=(
            "임대차에는 차주의 원상회복 규정이 준용되어, 임차인은 목적물을 돌려줄 때 원상으로 회복해야 하고 자신이 "
            "부속시킨 물건은 철거할 수 있어요 (민법 제654조, 제615조)."
        ),
        answer_en=(
            "Applied to leases, the loan-for-use rule means the tenant must restore the property on return and "
            "may remove what the tenant attached to it (민법 제654조, 제615조)."
        ),
        refs=(ArticleRef(LAW, 654), ArticleRef(LAW, 615)),
    ),
    LegalIssue(
        key="civil_annex_purchase_claim",
        title="임차인의 부속물 매수 청구",
        cues=(
            "설치한 시설 집주인이 사줘야 해",
            "부속물 매수청구",
            "동의받고 단 시설 매수",
            "가게 시설 집주인한테 팔기",
            "동의 받고 에어컨 달았는데 사달라",
            "이사갈 때 설치한 물건 사달라고",
            "허락받고 설치했는데 나갈 때 집주인한테 사가라고",
            "landlord buy the fixtures I installed when I leave",
            "annex purchase claim tenant",
        ),
        answer=(
            "건물 임차인이 사용 편익을 위해 임대인 동의를 얻어 붙인 물건이나 임대인에게서 산 부속물이 있으면 "
            "임대차가 끝날 때 임대인에게 그 부속물을 사 달라고 청구할 수 있고, 이 규정에 어긋나 임차인에게 불리한 "
            "약정은 효력이 없어요 (민법 제646조 ①·②, 제652조)."
        ),
        answer_en=(
            "A building tenant who attached things with the landlord's consent, or bought them from the landlord, "
            "may require the landlord to buy them at the end of the lease, and terms to the contrary that hurt "
            "the tenant are void (민법 제646조 ①·②, 제652조)."
        ),
        refs=(ArticleRef(LAW, 646, clauses=(1, 2)), ArticleRef(LAW, 652)),
    ),
    # --- Earnest money, breach, penalties ----------------------------------------------------------
    LegalIssue(
        key="civil_earnest_money_cancellation",
        title="계약금 포기·배액 상환 해제",
        cues=(
            "계약금 넣었는데 집주인이 계약 깨자",
            "계약금 포기하고 해약",
            "계약금 배액 상환",
            "매도인 계약 파기 두 배",
            "계약금 돌려받을 수 있어",
            "계약 해제 계약금",
            "계약금 두 배 줄 테니 없던 일로",
            "중도금 보낸 뒤 계약 해제",
            "earnest money cancel contract",
            "double deposit refund",
            "paid contract deposit cancel what do i lose",
            "seller backed out after the deposit",
            "seller pulled out",
            "buyer backed out",
        ),
        answer=(
            "계약 때 계약금을 주고받았다면 다른 약정이 없는 한 어느 한쪽이 이행에 착수하기 전까지 준 쪽은 "
            "계약금을 포기하고, 받은 쪽은 그 배액을 돌려주고 계약을 해제할 수 있으며, 이 해제에는 해제와 별도로 "
            "손해배상을 청구하는 규정이 적용되지 않아요. 이 규정은 임대차 같은 다른 유상계약에도 준용돼요 "
            "(민법 제565조 ①·②, 제567조)."
        ),
        answer_en=(
            "Where earnest money was paid, unless agreed otherwise, until either side starts performing the payer "
            "may cancel by forfeiting it and the recipient by repaying double, with no separate damages rule "
            "applying; this also applies to other contracts for value such as leases (민법 제565조 ①·②, 제567조)."
        ),
        refs=(ArticleRef(LAW, 565, clauses=(1, 2)), ArticleRef(LAW, 567)),
    ),
    LegalIssue(
        key="civil_breach_rescission",
        title="이행지체로 인한 계약 해제",
        cues=(
            "잔금 안 줘서 계약 해제",
            "매수인이 잔금을 안 내",
            "이행 최고 후 해제",
            "계약 해제하면 돈 돌려받기",
            "원상회복 이자",
            "집주인이 입주일에 집 안 비워줘",
            "contract rescission default",
            "buyer is late on the final balance can I cancel the sale",
            "buyer hasn't paid the balance call off the sale",
        ),
        answer=(
            "상대방이 채무를 이행하지 않으면 상당한 기간을 정해 이행을 최고하고 그 기간에도 이행하지 않을 때 "
            "계약을 해제할 수 있고(미리 이행하지 않겠다고 밝혔다면 최고 불필요), 해제하면 각자 원상회복 의무가 "
            "있으며 돌려줄 돈에는 받은 날부터 이자를 붙여야 해요. 해제해도 손해배상은 따로 청구할 수 있어요 "
            "(민법 제544조, 제548조 ①·②, 제551조)."
        ),
        answer_en=(
            "If the other side does not perform, set a reasonable deadline and demand performance; if it still "
            "fails you may rescind (no demand needed if they refused in advance). Both sides must then restore "
            "what they received, money with interest from receipt, and damages may still be claimed "
            "(민법 제544조, 제548조 ①·②, 제551조)."
        ),
        refs=(
            ArticleRef(LAW, 544),
            ArticleRef(LAW, 548, clauses=(1, 2)),
            ArticleRef(LAW, 551),
        ),
    ),
    LegalIssue(
        key="civil_rescission_restitution",
        title="해제 후 원상회복과 이자",
        cues=(
            "해제되면 받은 돈 돌려줄 때 이자",
            "계약 해제 원상회복",
            "해제 후 계약금 중도금 반환 이자",
            "돌려줄 때 이자도 붙여",
            "계약 깨지면 서로 받은 것 돌려주기",
            "rescinded contract return money with interest",
        ),
        answer=(
            "계약이 해제되면 각 당사자는 상대방에게 원상회복 의무가 있고(제삼자의 권리는 해치지 못해요), 돌려줄 "
            "돈에는 받은 날부터 이자를 붙여야 해요 (민법 제548조 ①·②)."
        ),
        answer_en=(
            "When a contract is rescinded each side must restore the other to the original position (without "
            "harming third parties' rights), and money returned carries interest from the day it was received "
            "(민법 제548조 ①·②)."
        ),
        refs=(ArticleRef(LAW, 548, clauses=(1, 2)),),
    ),
    LegalIssue(
        key="civil_sale_contract_costs",
        title="매매계약 비용 부담",
        cues=(
            "매매계약 비용 누가 부담",
            "계약서 작성비용 매도인 매수인",
            "계약 관련 비용 반반",
            "매매 계약 비용 나눠 내",
            "who pays the costs of a sale contract",
        ),
        answer="매매계약에 관한 비용은 매도인과 매수인이 반씩 나눠 부담해요 (민법 제566조).",
        answer_en="The costs of a sale contract are borne equally by seller and buyer (민법 제566조).",
        refs=(ArticleRef(LAW, 566),),
    ),
    LegalIssue(
        key="civil_liquidated_damages",
        title="위약금·손해배상액의 예정",
        cues=(
            "위약금 얼마",
            "위약금이 너무 많아",
            "계약서 위약금 조항",
            "손해배상 예정액 감액",
            "위약금 줄여달라",
            "penalty clause",
            "liquidated damages",
        ),
        answer=(
            "당사자는 채무불이행 손해배상액을 미리 정할 수 있고 위약금 약정은 손해배상액의 예정으로 추정되며, "
            "예정액이 부당히 과다하면 법원이 적당히 줄일 수 있어요. 예정이 있어도 이행 청구나 계약 해제는 할 수 "
            "있어요 (민법 제398조 ①·②·③·④)."
        ),
        answer_en=(
            "Parties may fix damages for breach in advance, a penalty clause is presumed to be such a fixing, and "
            "a court may reduce an unreasonably excessive amount; performance or rescission can still be claimed "
            "(민법 제398조 ①·②·③·④)."
        ),
        refs=(ArticleRef(LAW, 398, clauses=(1, 2, 3, 4)),),
    ),
    LegalIssue(
        key="civil_seller_encumbrance",
        title="산 집에 몰랐던 전세권·지상권이 있을 때",
        cues=(
            "산 집에 몰랐던 전세권",
            "매수했는데 전세권 설정돼 있었",
            "등기부에 모르는 지상권",
            "매수 후 알고 보니 권리 설정 해제",
            "집 샀는데 남의 권리 때문에 못 써",
            "bought a house with an unknown jeonse right",
        ),
        answer=(
            "산 부동산에 지상권·지역권·전세권·질권·유치권이 있는 줄 몰랐고 그 때문에 계약 목적을 이룰 수 없으면 "
            "계약을 해제할 수 있고, 그 밖의 경우에는 손해배상만 청구할 수 있어요. 등기된 임대차가 있는 경우도 "
            "같고, 이 권리는 그 사실을 안 날부터 1년 안에 써야 해요 (민법 제575조 ①·②·③)."
        ),
        answer_en=(
            "If the property bought carries a superficies, servitude, jeonse right, pledge or lien the buyer did "
            "not know of and the purpose of the contract cannot be achieved, the buyer may rescind; otherwise only "
            "damages. The same applies to a registered lease, and the right must be used within 1 year of learning "
            "of it (민법 제575조 ①·②·③)."
        ),
        refs=(ArticleRef(LAW, 575, clauses=(1, 2, 3)),),
    ),
    LegalIssue(
        key="civil_simultaneous_performance",
        title="동시이행(잔금과 등기서류)",
        cues=(
            "잔금 줘야 등기 넘겨줘",
            "돈 먼저 줘야 해",
            "동시이행 항변",
            "매도인이 등기 서류 안 주면 잔금",
            "매매 대금과 소유권 이전 동시",
            "잔금이랑 등기서류 동시에 주고받",
            "simultaneous performance",
            "pay the balance first",
            "do i have to pay first",
            "seller hands over the registration documents",
            "documents for the title transfer",
            "pay before the ownership transfer",
            "full payment before signing over the deed",
        ),
        answer=(
            "쌍무계약의 한쪽은 상대방이 채무 이행을 제공할 때까지 자기 채무 이행을 거절할 수 있고, 매매에서 "
            "매도인의 권리 이전과 매수인의 대금 지급은 특별한 약정이나 관습이 없으면 동시에 이행해야 해요 "
            "(민법 제568조 ①·②, 제536조 ①)."
        ),
        answer_en=(
            "In a bilateral contract each side may withhold performance until the other offers its own, and in a "
            "sale the transfer of title and payment of the price are due at the same time unless agreed or "
            "customary otherwise (민법 제568조 ①·②, 제536조 ①)."
        ),
        # a sale's own rule (제568조) governs before the general rule for bilateral contracts (제536조)
        refs=(ArticleRef(LAW, 568, clauses=(1, 2)), ArticleRef(LAW, 536, clauses=(1,))),
    ),
    LegalIssue(
        key="civil_withhold_until_performed",
        title="상대가 이행할 때까지 내 잔금·대금 지급을 미뤄도 되나 (동시이행의 항변권)",
        cues=(
            "등기서류 줄 때까지 잔금 안 보내도",
            "서류 안 주면 잔금 보류",
            "잔금 지급 거절",
            "withhold the final payment",
            "동시이행의 항변권",
            "hold the balance payment until",
            "withhold the balance until the seller",
            "refuse to pay until the seller transfers",
        ),
        answer=(
            "쌍무계약의 한쪽은 상대방이 그 채무 이행을 제공할 때까지 자기 채무 이행을 거절할 수 있어요(다만 "
            "상대방 채무의 변제기가 아직 오지 않았다면 안 돼요). 매매에서 매도인의 권리 이전과 매수인의 대금 "
            "지급은 특별한 약정이나 관습이 없으면 동시에 이행해야 하므로, 매도인이 권리 이전에 필요한 이행을 "
            "제공하지 않는 동안 매수인은 잔금 지급을 거절할 수 있어요 (민법 제536조 ①, 제568조 ①·②)."
        ),
        answer_en=(
            "In a bilateral contract each side may refuse its own performance until the other offers its own "
            "(unless the other's obligation is not yet due); in a sale, transfer of title and payment of the "
            "price are due at the same time unless agreed or customary otherwise, so while the seller does not "
            "offer what the transfer needs the buyer may withhold the balance (민법 제536조 ①, 제568조 ①·②)."
        ),
        # the right to withhold one's own performance (제536조) is the question; the sale's rule that
        # both are due together (제568조) is why it applies
        refs=(ArticleRef(LAW, 536, clauses=(1,)), ArticleRef(LAW, 568, clauses=(1, 2))),
    ),
    LegalIssue(
        key="civil_registration_passes_ownership",
        title="등기해야 소유권이 넘어오나 (부동산 물권변동의 효력)",
        cues=(
            "잔금 다 치렀는데 등기 안 넘겼으면 아직 내 집 아니",
            "잔금 냈는데 등기 전이면 소유권",
            "등기 안 하면 소유권 안 넘어와",
            "등기해야 소유권",
            "등기 전에는 아직 내 집 아닌",
            "소유권이전등기 안 했는데 법적으로 누구 집",
            "대금 다 줬는데 등기 넘어오기 전 제 소유",
            "돈은 다 냈는데 명의가 아직 매도인",
            "부동산 물권변동 등기 효력",
            "paid in full but the title is not registered do I own it",
            "when does ownership pass registration",
            "ownership before the title is registered in my name",
            "title is not in my name yet legally own",
        ),
        answer=(
            "매매처럼 부동산에 관한 법률행위로 소유권 같은 물권을 얻거나 잃는 것은 등기를 해야 효력이 생겨요. "
            "잔금을 다 치렀어도 소유권이전등기를 마치기 전에는 법적으로 소유권이 넘어오지 않아요 (민법 제186조)."
        ),
        answer_en=(
            "Gaining or losing a real right in real estate through a juristic act such as a sale takes effect only "
            "when it is registered: even with the full price paid, ownership does not pass until the transfer of "
            "ownership is registered (민법 제186조)."
        ),
        refs=(ArticleRef(LAW, 186),),
        next_steps=(
            (
                "매도인은 매매의 목적이 된 권리를 이전할 의무가 있어요(대금 지급과 동시에).",
                ArticleRef(LAW, 568, clauses=(1, 2)),
            ),
        ),
    ),
    LegalIssue(
        key="civil_lease_deposit_simultaneous",
        title="보증금 받을 때까지 집을 안 비워도 되나 (동시이행)",
        cues=(
            "보증금 받을 때까지 안 나가도",
            "돈 받을 때까지 안 나가",
            "보증금 줘야 나가",
            "보증금 안 주면 집 안 비워",
            "보증금 받기 전에 집 비워줘야",
            "새 세입자 들어와야 보증금 준다는데 안 나가도",
            "보증금 반환 동시이행",
            "집 비워주는 거랑 보증금 동시",
            "열쇠 먼저 넘겨야",
            "won't leave until I get my deposit",
            "can I stay until the deposit is paid",
            "hand back the keys before the deposit",
            # the landlord paying only once the next tenant's money comes in
            "landlord will only return the deposit after he finds a new tenant",
            "deposit back only when the next tenant moves in",
            "wait for a new tenant to get my deposit back",
            "다음 세입자 구해야 보증금 준대",
            # the landlord paying only once the tenant has moved out
            "짐 빼고 나가면 보증금 준대",
            "먼저 나가야 보증금 돌려준다는데",
            "must I move out first before the deposit is paid",
            "told to vacate first and get the deposit money later",
        ),
        answer=(
            "쌍무계약의 한쪽은 상대방이 채무 이행을 제공할 때까지 자기 채무 이행을 거절할 수 있고(동시이행의 "
            "항변권), 계약기간이 끝나도 세입자가 보증금을 돌려받을 때까지는 임대차관계가 계속되는 것으로 봐요. "
            "그래서 집주인이 보증금 반환을 제공하지 않는 동안 세입자는 집 비워주기를 거절하고 계속 살 수 있어요 "
            "(민법 제536조 ①, 주택임대차보호법 제4조 ②)."
        ),
        answer_en=(
            "In a bilateral contract each side may withhold performance until the other offers its own, and after "
            "the term ends the lease is deemed to continue until the tenant gets the deposit back; so while the "
            "landlord does not offer the deposit, the tenant may refuse to hand the home back and stay on "
            "(민법 제536조 ①, 주택임대차보호법 제4조 ②)."
        ),
        refs=(ArticleRef(LAW, 536, clauses=(1,)), ArticleRef(HOUSING, 4, clauses=(2,))),
        next_steps=(("이사를 가야 한다면 임차권등기명령 신청", ArticleRef(HOUSING, 3, 3, clauses=(1,))),),
    ),
    LegalIssue(
        key="civil_late_payment_interest",
        title="돈을 늦게 돌려줄 때의 지연이자 (법정이율)",
        cues=(
            "보증금 늦게 돌려주면 이자",
            "보증금 지연이자",
            "지연손해금",
            "법정이율",
            "이자까지 청구",
            "늦게 준 만큼 이자",
            "what interest can i claim",
            "late payment interest",
            "deposit paid back months late interest for the delay",
            "owed interest because the money came back late",
        ),
        answer=(
            "돈을 갚을 의무(보증금 반환 등)를 이행하지 않은 데 대한 손해배상액은 법정이율로 정하고, 법령의 "
            "제한을 어기지 않는 약정이율이 있으면 그 이율에 따라요. 채권자는 손해를 증명할 필요가 없고 채무자는 "
            "과실이 없다고 다툴 수 없어요. 민법의 법정이율은 다른 법률의 규정이나 약정이 없으면 연 5푼이에요 "
            "(민법 제397조 ①·②, 제379조)."
        ),
        answer_en=(
            "Damages for not paying money owed (such as a deposit to be returned) are set at the statutory rate, "
            "or at an agreed rate that breaks no legal limit; the creditor need not prove any loss and the debtor "
            "cannot plead lack of fault. The 민법's statutory rate, absent another law or agreement, is 5푼 (5%) "
            "a year (민법 제397조 ①·②, 제379조)."
        ),
        refs=(ArticleRef(LAW, 397, clauses=(1, 2)), ArticleRef(LAW, 379)),
    ),
    # --- Seller's warranty ------------------------------------------------------------------------
    LegalIssue(
        key="civil_seller_defect_liability",
        title="매도인의 하자담보책임",
        cues=(
            "산 집 하자",
            "매수 후 누수 발견",
            "집 샀는데 물 새 하자",
            "하자담보책임",
            "defect liability seller",
            "damage the seller never mentioned",
            "hidden defect after buying",
            "집 산 지 얼마 안 돼서 물이 새",
            "매도인은 몰랐다는데 하자",
            "매도인한테 하자 책임 물을 수",
            "산 집 하자 매도인 책임",
            "숨은 하자 발견하면 매도인에게 뭘 청구",
            "사자마자 누수",
            "bought an apartment and the wall started leaking",
        ),
        answer=(
            "매매 목적물에 하자가 있으면 매수인은 그 하자로 계약 목적을 이룰 수 없을 때 계약을 해제하고, 그 밖에는 "
            "손해배상만 청구할 수 있으며, 매수인이 하자를 알았거나 과실로 몰랐다면 그렇지 않아요. 이 권리는 하자를 "
            "안 날부터 6월 안에 행사해야 하고, 책임을 면하는 특약이 있어도 매도인이 알고도 알리지 않은 사실에는 "
            "책임을 면하지 못해요 (민법 제580조 ①, 제575조 ①, 제582조, 제584조)."
        ),
        answer_en=(
            "If the thing sold is defective, the buyer may rescind when the defect defeats the contract's purpose "
            "and otherwise claim damages only, unless the buyer knew or negligently missed it; the right must be "
            "used within 6 months of learning of it, and a waiver does not cover facts the seller knew and hid "
            "(민법 제580조 ①, 제575조 ①, 제582조, 제584조)."
        ),
        refs=(
            ArticleRef(LAW, 580, clauses=(1,)),
            ArticleRef(LAW, 575, clauses=(1,)),
            ArticleRef(LAW, 582),
            ArticleRef(LAW, 584),
        ),
    ),
    # How long the buyer has, and whether a no-liability clause holds, are articles of their own.
    LegalIssue(
        key="civil_defect_claim_period",
        title="하자담보책임을 물을 수 있는 기간",
        cues=(
            "매도인 하자 책임 기간",
            "숨은 하자 6개월",
            "하자 발견한 지 몇 달 늦었",
            "하자 청구 기한",
            "매도인한테 청구 늦었나",
            "하자 알고 나서 언제까지",
            "몇 개월 지나서 하자 발견 아직 청구",
            "하자 늦게 발견했는데 아직 청구할 수",
            "하자담보책임 기한",
            "how long to claim a defect against the seller",
        ),
        answer=(
            "매도인의 하자담보책임(제580조·제581조)에 따른 권리는 매수인이 그 사실을 안 날로부터 6월내에 행사해야 "
            "해요 (민법 제582조)."
        ),
        answer_en=(
            "A buyer's rights for defects in the thing sold must be used within 6 months of learning of the "
            "defect (민법 제582조)."
        ),
        refs=(ArticleRef(LAW, 582), ArticleRef(LAW, 580, clauses=(1,))),
    ),
    LegalIssue(
        key="civil_defect_waiver_clause",
        title="하자담보책임 면제 특약과 숨긴 하자",
        cues=(
            "하자담보책임 없음 특약",
            "담보책임 면제 특약",
            "하자 알면서 안 알려줌",
            "특약 있어도 숨긴 하자",
            "sold as is but the seller hid the defect",
        ),
        answer=(
            "담보책임을 면하는 특약을 했어도 매도인이 알고 고지하지 않은 사실과 제삼자에게 권리를 설정하거나 양도한 "
            "행위에는 책임을 면하지 못해요 (민법 제584조)."
        ),
        answer_en=(
            "Even with a clause waiving the seller's warranty, the seller stays liable for facts it knew and did "
            "not disclose and for rights it granted or transferred to a third party (민법 제584조)."
        ),
        refs=(ArticleRef(LAW, 584), ArticleRef(LAW, 580, clauses=(1,))),
    ),
    # A sale priced by a stated quantity (면적 기준으로 값 정함) that turns out short: 제574조 applies the
    # rules for a right partly another's (제572조, 제573조) to it.
    LegalIssue(
        key="civil_quantity_shortfall",
        title="면적·수량이 계약보다 부족할 때 (수량지정매매)",
        cues=(
            "계약서 면적보다 실제 면적이 작아",
            "실측 면적 부족 대금 감액",
            "면적 기준으로 값 정했는데 실제 측량하니 작아",
            "평수 모자라 매매대금 깎아",
            "수량 지정 매매 부족",
            "토지 실측해보니 덜 나와",
            "actual area smaller than the contract",
            "surveyed area less than stated price reduction",
        ),
        answer=(
            "수량을 지정한 매매(면적을 기준으로 값을 정한 경우 등)에서 목적물이 부족하거나 계약 당시 일부가 이미 "
            "멸실됐고 매수인이 그걸 몰랐다면, 매수인은 부족한 부분의 비율로 대금 감액을 청구할 수 있고, 남은 "
            "부분만이면 사지 않았을 경우에는 계약 전부를 해제할 수 있어요. 이 권리는 사실을 안 날부터 1년 안에 "
            "행사해야 해요 (민법 제574조, 제572조 ①·②, 제573조)."
        ),
        answer_en=(
            "In a sale by stated quantity (a price set by the area, for example), if the property falls short or "
            "part of it was already lost when the contract was made and the buyer did not know, the buyer may "
            "claim a price cut in proportion to the shortfall, or rescind the whole contract if they would not have "
            "bought the rest alone; the right must be used within 1 year of learning the facts "
            "(민법 제574조, 제572조 ①·②, 제573조)."
        ),
        refs=(ArticleRef(LAW, 574), ArticleRef(LAW, 572, clauses=(1, 2)), ArticleRef(LAW, 573)),
    ),
    LegalIssue(
        key="civil_seller_mortgage_enforced",
        title="저당권·전세권 실행으로 소유권을 잃은 매수인",
        cues=(
            "산 집이 근저당 때문에 경매",
            "매도인 빚 때문에 집 날아감",
            "저당권 실행 소유권 상실",
            "전세권 있는 집 샀는데 소유권",
            "근저당 대신 갚았는데 매도인 청구",
            "buyer lost title mortgage foreclosure",
        ),
        answer=(
            "산 부동산에 설정된 저당권이나 전세권이 행사되어 매수인이 소유권을 얻지 못하거나 잃으면 계약을 해제할 "
            "수 있고, 자기 돈으로 소유권을 지켰다면 매도인에게 상환을, 손해를 입었다면 배상을 청구할 수 있어요 "
            "(민법 제576조 ①·②·③)."
        ),
        answer_en=(
            "If a mortgage or jeonse right on the property is enforced and the buyer never gets or loses title, "
            "the buyer may rescind, recover what they paid to save the title, and claim damages "
            "(민법 제576조 ①·②·③)."
        ),
        refs=(ArticleRef(LAW, 576, clauses=(1, 2, 3)),),
    ),
    LegalIssue(
        key="civil_sale_of_anothers_property",
        title="남의 부동산을 판 경우",
        cues=(
            "매도인이 소유자가 아니야",
            "남의 집을 팔았어",
            "타인 권리 매매",
            "소유권 못 넘겨받음 해제",
            "집주인 아닌 사람과 매매계약",
            "seller not the owner",
        ),
        answer=(
            "남의 권리를 판 매도인은 그 권리를 얻어 매수인에게 넘겨야 하고, 넘기지 못하면 매수인은 계약을 해제할 "
            "수 있어요. 다만 매수인이 계약 당시 그 권리가 매도인 것이 아님을 알았다면 손해배상은 청구하지 못해요 "
            "(민법 제569조, 제570조)."
        ),
        answer_en=(
            "A seller of someone else's right must acquire and transfer it; if that fails the buyer may rescind, "
            "but cannot claim damages if the buyer knew at signing that the right was not the seller's "
            "(민법 제569조, 제570조)."
        ),
        refs=(ArticleRef(LAW, 569), ArticleRef(LAW, 570)),
    ),
    # --- 전세권 (registered jeonse right) ------------------------------------------------------------
    LegalIssue(
        key="civil_jeonse_right",
        title="전세권의 내용과 존속기간",
        cues=(
            "전세권 설정",
            "전세권 설정하면 뭐가 좋아",
            "전세권 기간",
            "전세권 최소 기간",
            "전세권 존속기간 최장",
            "전세금 우선변제 전세권",
            "jeonse right registration",
        ),
        answer=(
            "전세권자는 전세금을 내고 남의 부동산을 점유해 용도대로 쓰며, 그 부동산 전부에서 후순위권리자 등 다른 "
            "채권자보다 전세금을 먼저 변제받을 권리가 있어요. 존속기간은 10년을 넘지 못하고, 건물 전세권을 1년 "
            "미만으로 정하면 1년으로 해요 (민법 제303조 ①, 제312조 ①·②)."
        ),
        answer_en=(
            "A jeonse-right holder pays the jeonse money, occupies and uses the property, and is repaid from the "
            "whole property ahead of junior creditors; the term cannot exceed 10 years, and a building term under "
            "1 year becomes 1 year (민법 제303조 ①, 제312조 ①·②)."
        ),
        refs=(ArticleRef(LAW, 303, clauses=(1,)), ArticleRef(LAW, 312, clauses=(1, 2))),
    ),
    LegalIssue(
        key="civil_jeonse_right_term",
        title="전세권 존속기간(최장 10년, 건물 최단 1년)",
        cues=(
            "전세권 존속기간",
            "전세권 기간 최대 몇 년",
            "전세권 1년 미만",
            "전세권 기간 10년 넘게",
            "전세권 설정 기간 짧게",
            "jeonse right maximum term",
        ),
        answer=(
            "전세권 존속기간은 10년을 넘지 못해 약정이 10년을 넘으면 10년으로 줄고, 건물 전세권을 1년 미만으로 "
            "정하면 1년으로 봐요. 갱신할 수 있지만 갱신한 날부터 10년을 넘지 못해요 (민법 제312조 ①·②·③)."
        ),
        answer_en=(
            "A jeonse right cannot last more than 10 years (a longer term is cut to 10), a building jeonse right "
            "set under 1 year counts as 1 year, and a renewal cannot exceed 10 years from the renewal "
            "(민법 제312조 ①·②·③)."
        ),
        refs=(ArticleRef(LAW, 312, clauses=(1, 2, 3)),),
    ),
    LegalIssue(
        key="civil_jeonse_right_renewal",
        title="전세권의 묵시적 갱신과 소멸 통고",
        cues=(
            "전세권 묵시적 갱신",
            "전세권 만료 통지 안 함",
            "전세권 자동 연장",
            "전세권 기간 정함 없음",
            "전세권 소멸통고 6개월",
            "jeonse right implied renewal",
        ),
        answer=(
            "건물 전세권설정자가 만료 전 6월부터 1월까지 사이에 갱신거절이나 조건 변경 통지를 하지 않으면 만료 때 "
            "같은 조건으로 다시 전세권을 설정한 것으로 보고 기간은 정함이 없는 것으로 봐요. 기간 약정이 없으면 각 "
            "당사자는 언제든 소멸을 통고할 수 있고, 통고를 받은 날부터 6월이 지나면 전세권이 소멸해요 "
            "(민법 제312조 ④, 제313조)."
        ),
        answer_en=(
            "If the grantor of a building jeonse right gives no refusal or change notice between 6 months and 1 "
            "month before expiry, it is re-created on the same terms with no fixed term; then either side may "
            "give notice at any time and it ends 6 months after receipt (민법 제312조 ④, 제313조)."
        ),
        refs=(ArticleRef(LAW, 312, clauses=(4,)), ArticleRef(LAW, 313)),
    ),
    LegalIssue(
        key="civil_jeonse_right_refund",
        title="전세권 종료 시 전세금 반환과 경매 청구",
        cues=(
            "전세권 전세금 반환",
            "전세권 끝났는데 돈 안 줘",
            "전세권자 경매 신청",
            "전세권 말소 서류와 전세금",
            "전세권 경매청구권",
            "전세권 설정등기 했는데 전세금 안 줘",
            "판결 없이 경매 전세권",
            "jeonse right refund auction",
        ),
        answer=(
            "전세권이 소멸하면 전세권설정자는 목적물 인도와 전세권설정등기 말소 서류를 받는 동시에 전세금을 돌려줘야 "
            "하고, 반환을 지체하면 전세권자는 목적물의 경매를 청구할 수 있어요 (민법 제318조, 제317조)."
        ),
        answer_en=(
            "When a jeonse right ends, the grantor must return the jeonse money in exchange for the property and "
            "the papers to cancel the registration, and if repayment is late the holder may have the property "
            "auctioned (민법 제318조, 제317조)."
        ),
        refs=(ArticleRef(LAW, 318), ArticleRef(LAW, 317)),
    ),
    LegalIssue(
        key="civil_structure_defect_damage",
        title="윗집 누수 등 건물 하자로 입은 손해의 배상",
        cues=(
            "윗집 누수 피해 배상",
            "위층에서 물이 새서 피해",
            "아랫집 누수 배상",
            "배관 터져 우리집 피해",
            "이웃집 때문에 손해 물어달라",
            "건물 하자로 다쳤어 배상",
            "공작물 하자 손해배상",
            "불법행위 손해배상",
            "upstairs leak damaged my home",
            "neighbor water damage compensation",
            "upstairs neighbor leaked into our ceiling",
            "water leaking from the unit above who pays",
            "neighbor's pipe burst damaged my ceiling",
            "who pays for water damage from upstairs",
            "천장 물 새는데 윗집이 물어줘야",
            "윗집 화장실 누수 수리비 누가",
        ),
        answer=(
            "건물 같은 공작물의 설치·보존 하자로 다른 사람에게 손해를 입히면 먼저 그 점유자가 배상할 책임이 있고, "
            "점유자가 손해 방지에 필요한 주의를 다했다면 소유자가 배상해요. 고의나 과실로 위법하게 남에게 손해를 "
            "입힌 사람도 배상 책임을 져요 (민법 제758조 ①, 제750조)."
        ),
        answer_en=(
            "When a defect in how a structure such as a building was installed or kept damages someone else, its "
            "occupier must compensate, or its owner if the occupier took the care needed to prevent the damage; "
            "anyone who wrongfully causes damage intentionally or negligently must also compensate "
            "(민법 제758조 ①, 제750조)."
        ),
        refs=(ArticleRef(LAW, 758, clauses=(1,)), ArticleRef(LAW, 750)),
    ),
    LegalIssue(
        key="civil_neighbor_nuisance",
        title="이웃의 매연·냄새·소음·진동 피해 (생활방해)",
        cues=(
            "옆집 연기 냄새",
            "이웃 가게 냄새 소음",
            "식당 환풍기 연기",
            "고깃집 냄새 때문에 못 살겠",
            "공장 소음 진동 피해",
            "매연 때문에 창문 못 열어",
            "실외기 소음 열기",
            "이웃 소음 법적으로",
            "냄새 소음 참아야 하나",
            "생활방해",
            "매연 음향 진동",
            "neighbor smoke smell noise",
            "restaurant exhaust fan smoke into my window",
            "vibration and noise from next door",
            "fumes from the shop next door",
        ),
        answer=(
            "토지소유자는 매연, 열기체, 액체, 음향, 진동 같은 것으로 이웃 토지 사용을 방해하거나 이웃 거주자의 생활에 "
            "고통을 주지 않도록 적당한 조처를 할 의무가 있어요. 다만 그 정도가 이웃 토지의 통상의 용도에 맞는 것이면 "
            "이웃 거주자가 참아야 해요 (민법 제217조 ①·②)."
        ),
        answer_en=(
            "A landowner must take suitable measures so that smoke, hot gases, liquids, noise, vibration and the like "
            "do not hinder the use of neighbouring land or distress the people living next door; but what suits the "
            "ordinary use of the neighbouring land the neighbours must put up with (민법 제217조 ①·②)."
        ),
        refs=(ArticleRef(LAW, 217, clauses=(1, 2)),),
    ),
)
