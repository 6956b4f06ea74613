"""Intake's entries in the bilingual catalogue (:mod:`shared.catalogue`): the Chinese name of every
state, transition, step, enum value and event a person reads. English defaults to the identifier in
words. Registering an enum checks that every member has a name, so a new state cannot ship without one."""

from __future__ import annotations

from intake.domain.centre_case import CentreCaseStatus, Classification, Conclusion
from intake.domain.complaint.states import ComplaintStatus
from intake.domain.complaint.values import Outcome, Relation, Severity
from intake.domain.complaint_imports import ImportFormat
from intake.domain.customs.centre_queue import CentreAction
from intake.domain.customs.detention import (
    DetentionStatus,
    Disposal,
    HolderDecision,
    ReleaseGround,
    Route,
)
from intake.domain.customs.events import DetentionEvent, RecordationEvent
from intake.domain.customs.guarantee import GuaranteeForm
from intake.domain.customs.recordation import LapseReason, RecordationStatus
from intake.domain.dedup import KeyKind
from intake.domain.ecommerce_notice import NoticeStatus
from intake.domain.events import (
    ActorKind,
    CentreCaseEvent,
    ComplaintEvent,
    NoticeEvent,
    RegistryEvent,
    TradeFairEvent,
)
from intake.domain.import_jobs import ImportStatus
from intake.domain.parties import PartyRole
from intake.domain.rights import EvaluationConclusion, LicenceKind, RightStatus, VerificationStatus
from intake.domain.trade_fair import Measure, TradeFairStatus
from intake.domain.vocabulary import (
    Agency,
    AllegedAct,
    Capacity,
    Channel,
    EvaluationReport,
    ScanStatus,
    Track,
)
from shared.catalogue import english, enum_labels, pairs, term_labels, transition_labels

enum_labels(
    CentreCaseStatus,
    pairs("""
        RECEIVED 已接收
        TRIAGED 已分流
        OPINION_DRAFTING 咨询意见起草中
        OPINION_ISSUED 咨询意见已出具
        REFERRED_ENFORCEMENT 已移送行政执法
        REFERRED_ADJUDICATION 已转行政裁决
        REFERRED_MEDIATION 已转调解
        REFERRED_COURT 已引导诉讼
        CLOSED 已结案
    """),
)
enum_labels(
    Classification,
    pairs("""
        opinion 出具侵权判定咨询意见
        mediation 调解
        aid 维权援助
        referral 移送
    """),
)
enum_labels(
    Conclusion,
    pairs("""
        infringing 构成侵权
        not_infringing 不构成侵权
        cannot_determine 无法判定
    """),
)
enum_labels(
    ComplaintStatus,
    pairs("""
        RECEIVED 已登记
        CORRECTION_REQUESTED 待补正
        ACCEPTED 已受理
        NOT_ACCEPTED 不予受理
        DUPLICATE 重复投诉
        ROUTED 已分送办理
        REFERRED 已移送
        IN_CENTRE 中心办理中
        CASE_OPENED 已立案
        CLOSED 已办结
        WITHDRAWN 已撤回
    """),
)
enum_labels(
    Severity,
    pairs("""
        block 阻止受理
        correction 需补正
        warning 提示
        off 不适用
    """),
)
enum_labels(
    Outcome,
    pairs("""
        accept 受理
        correction 补正
        refuse 不予受理
    """),
)
enum_labels(
    Relation,
    pairs("""
        duplicate 重复
        related 关联
    """),
)
enum_labels(
    KeyKind,
    pairs("""
        complainant 投诉人
        right 权利
        respondent 被投诉人
    """),
)
enum_labels(
    NoticeStatus,
    pairs("""
        NOTICE_RECEIVED 已收到通知
        REJECTED_INSUFFICIENT_EVIDENCE 证据不足未采取措施
        MEASURES_TAKEN 已采取必要措施
        AWAITING_COUNTER_NOTICE 等待不侵权声明
        MEASURES_MAINTAINED 维持必要措施
        COUNTER_NOTICE_RECEIVED 已收到不侵权声明
        WAITING_15D 等待十五日内投诉或起诉
        MEASURES_MAINTAINED_PENDING_OUTCOME 维持措施待处理结果
        MEASURES_TERMINATED 已终止必要措施
    """),
)
enum_labels(
    ActorKind,
    pairs("""
        staff 工作人员
        system 系统
        service 其他服务
        platform 电商平台
    """),
)
enum_labels(
    ComplaintEvent,
    pairs("""
        ComplaintRegistered 投诉已登记
        RightsVerified 权属已核验
        DuplicateDetected 发现疑似重复投诉
        RelatedComplaintLinked 已关联相关投诉
        DuplicateConfirmed 已确认重复投诉
        ComplaintSplit 投诉已拆分
        ComplaintAccepted 投诉已受理
        CorrectionRequested 已通知补正
        ComplaintNotAccepted 投诉不予受理
        CorrectionReceived 已收到补正材料
        ComplaintTriaged 已繁简分流
        TriageOverridden 分流结果已人工调整
        ComplaintWithdrawn 投诉已撤回
        CaseOpened 已立案办理
        CaseConcluded 案件已办结
        ComplaintClosed 投诉已办结
        FalseMaterialsFound 发现提交虚假材料
        EvidenceAttached 已添加证据
        PeriodNotConfigured 期限未配置
        DeadlineApproaching 期限即将届满
        DeadlinePassed 期限已届满
    """),
)
enum_labels(
    CentreCaseEvent,
    pairs("""
        CentreCaseOpened 中心案件已立案
        CentreCaseTriaged 中心案件已分流
        ExaminerAssigned 已指派审查员
        OpinionIssued 咨询意见已出具
        CentreCaseReferred 中心案件已移送
        CentreCaseClosed 中心案件已结案
    """),
)
enum_labels(
    TradeFairEvent,
    pairs("""
        TradeFairComplaintFiled 展会投诉已提交
        ForwardedToIpOffice 已转送知识产权管理部门
        RespondentNotified 已通知被投诉人
        StatementReceived 已收到被投诉人陈述
        MeasuresOrdered 已责令采取措施
        RepeatExhibitorFlagged 已标记为重复侵权参展方
        InfringementNotEstablished 侵权不成立
        TradeFairComplaintReferred 展会投诉已移送
    """),
)
enum_labels(
    NoticeEvent,
    pairs("""
        PlatformNoticeReceived 平台已收到通知
        NoticeRejected 通知未予采纳
        MeasuresTaken 已采取必要措施
        NoticeForwardedToSeller 已将通知转送平台内经营者
        MeasuresMaintained 已维持必要措施
        CounterNoticeReceived 已收到不侵权声明
        CounterNoticeForwardedToHolder 已将声明转送权利人
        NotarisationDelayDocumented 已记录公证延误
        HolderFiledComplaintOrSuit 权利人已投诉或起诉
        MeasuresTerminated 已终止必要措施
        NoticePublished 已公示通知
    """),
)
enum_labels(
    RegistryEvent,
    pairs("""
        RightStatusChanged 权利状态已变更
        EvaluationReportRecorded 专利权评价报告已登记
        RegistryImportStarted 权利数据导入已开始
        RegistryImportResumed 权利数据导入已继续
        RegistryImportCompleted 权利数据导入已完成
        RegistryImportFailed 权利数据导入失败
    """),
)
enum_labels(
    ImportStatus,
    pairs("""
        pending 待处理
        running 进行中
        completed 已完成
        failed 失败
    """),
)
enum_labels(
    PartyRole,
    pairs("""
        complainant 投诉人
        agent 代理人
        respondent 被投诉人
    """),
)
enum_labels(
    RightStatus,
    pairs("""
        valid 有效
        lapsed 已终止（未缴年费）
        invalidated 已被宣告无效
        expired 保护期已届满
        revoked 已撤销
    """),
)
enum_labels(
    EvaluationConclusion,
    pairs("""
        no_defect 全部权利要求符合授予专利权条件
        partly_defective 部分权利要求不符合授予专利权条件
        defective 全部权利要求不符合授予专利权条件
    """),
)
enum_labels(
    LicenceKind,
    pairs("""
        exclusive 独占许可
        sole 排他许可
        ordinary 普通许可
    """),
)
enum_labels(
    VerificationStatus,
    pairs("""
        verified 权属已核实
        holder_mismatch 权利人不一致
        lapsed 权利已失效
        unknown 未能核实
    """),
)
enum_labels(
    TradeFairStatus,
    pairs("""
        COMPLAINT_FILED 已提交投诉
        FORWARDED_TO_IP_OFFICE 已转送知识产权管理部门
        RESPONDENT_NOTIFIED 已通知被投诉人
        STATEMENT_RECEIVED 已收到陈述
        MEASURES_ORDERED 已责令采取措施
        NOT_ESTABLISHED 侵权不成立
        REFERRED 已移送
    """),
)
enum_labels(
    Measure,
    pairs("""
        withdraw 撤展
        cover 遮盖
        delink 断开链接
    """),
)
enum_labels(
    Channel,
    pairs("""
        online 网上提交
        walk_in 现场提交
        ecommerce_platform 电商平台转来
        trade_fair 展会现场
        court_assignment 法院委派
        customs_notice 海关通报
        referral 其他部门移送
        bulk_import 批量导入
    """),
)
enum_labels(
    Capacity,
    pairs("""
        patentee 专利权人
        right_holder 权利人
        exclusive_licensee 独占实施许可合同被许可人
        sole_licensee 排他实施许可合同被许可人
        ordinary_licensee_authorised 经明确授权的普通许可被许可人
        heir 继承人
    """),
)
enum_labels(
    AllegedAct,
    pairs("""
        make 制造
        use 使用
        offer_to_sell 许诺销售
        sell 销售
        import 进口
        reproduce 复制
        distribute 发行
        disseminate_online 信息网络传播
        use_mark 使用商标
        counterfeit 假冒
    """),
)
enum_labels(
    EvaluationReport,
    pairs("""
        none 无
        requested 已请求
        issued 已出具
    """),
)
enum_labels(
    Track,
    pairs("""
        ecommerce_opinion 电商领域侵权判定
        trade_fair 展会快速处理
        simple_procedure 简易程序
        ordinary_adjudication 普通程序行政裁决
        mediation 调解
        green_channel 绿色通道
        penalty_case 行政处罚立案查处
        refer_enforcement 移送行政执法
        refer_police 移送公安机关
        not_accepted 不予受理
    """),
)
enum_labels(
    Agency,
    pairs("""
        administrative_enforcement 行政执法部门
        police 公安机关
        procuratorate 检察机关
        arbitration 仲裁机构
        court 人民法院
        other_office 其他知识产权管理部门
        customs 海关
    """),
)
enum_labels(
    ScanStatus,
    pairs("""
        clean 未发现病毒
        not_scanned 未扫描
        pending_scan 待扫描
        infected 发现病毒
    """),
)
transition_labels(
    CentreCaseStatus,
    pairs("""
        classify 分流
        assign_examiner 指派审查员
        issue_opinion 出具咨询意见
        refer_to_enforcement 移送行政执法
        refer_to_adjudication 转行政裁决
        refer_to_mediation 转调解
        refer_to_court 引导诉讼
        close 结案
    """),
)
transition_labels(
    ComplaintStatus,
    pairs("""
        accept 受理
        request_correction 通知补正
        refuse 不予受理
        mark_duplicate 标记为重复
        withdraw 撤回
        split 拆分
        triage_routed 分流后分送办理
        override_routed 人工调整后分送办理
        triage_referred 分流后移送
        override_referred 人工调整后移送
        triage_in_centre 分流后由中心办理
        override_in_centre 人工调整后由中心办理
        triage_not_accepted 分流后不予受理
        override_not_accepted 人工调整后不予受理
        open_case 立案
        confirm_duplicate 确认重复
        conclude 办结
        close 关闭
    """),
)
transition_labels(
    NoticeStatus,
    pairs("""
        reject 不予采纳
        take_measures 采取必要措施
        forward_to_seller 转送平台内经营者
        no_counter_notice 未收到不侵权声明
        counter_notice 收到不侵权声明
        forward_to_holder 转送权利人
        holder_filed 权利人已投诉或起诉
        terminate 终止必要措施
    """),
)
transition_labels(
    ImportStatus,
    pairs("""
        start 开始
        resume 继续
        complete 完成
        fail 失败
    """),
)
transition_labels(
    RightStatus,
    pairs("""
        record_valid 登记为有效
        record_lapsed 登记为已终止
        record_invalidated 登记为已宣告无效
        record_expired 登记为保护期届满
        record_revoked 登记为已撤销
    """),
)
transition_labels(
    TradeFairStatus,
    pairs("""
        forward 转送
        notify_respondent 通知被投诉人
        statement 收到陈述
        order_measures 责令采取措施
        not_established 认定侵权不成立
        refer 移送
    """),
)
term_labels(
    {
        "EVIDENCE_ATTACHED": ("添加证据", "attach evidence"),
        "CORRECTED": ("补正", "corrected"),
    }
)

# Bulk complaint import (issue 19).
enum_labels(
    ImportFormat,
    pairs("""
        csv 逗号分隔值文件
        jsonl JSON行文件
        platform_batch 电商平台批量文件
    """),
    {"csv": "CSV", "jsonl": "JSON Lines", "platform_batch": "platform batch file"},
)

# Customs IP protection (issue 15; domain rules §E, 知识产权海关保护条例).
enum_labels(
    RecordationStatus,
    pairs("""
        APPROVED 已备案
        LAPSED 备案已失效
        CANCELLED 备案已注销
        REVOKED 备案已撤销
    """),
)
enum_labels(
    LapseReason,
    pairs("""
        not_renewed 期满未续展
        right_ended 知识产权已终止
    """),
)
enum_labels(
    RecordationEvent,
    pairs("""
        CustomsRecordationApproved 海关备案已核准
        CustomsRecordationRenewed 海关备案已续展
        CustomsRecordationLapsed 海关备案已失效
        CustomsRecordationCancelled 海关备案已注销
        CustomsRecordationRevoked 海关备案已撤销
        CustomsRecordationChangePending 备案事项已变更待申报
        CustomsRecordationChangeReported 已办理备案变更
        CustomsRecordationRenewalWindowOpened 备案续展期已开始
    """),
)
transition_labels(
    RecordationStatus,
    pairs("""
        renew 续展备案
        lapse 备案失效
        cancel 注销备案
        revoke 撤销备案
    """),
)
enum_labels(
    DetentionStatus,
    pairs("""
        APPLICATION_FILED 已申请扣留
        REJECTED 已驳回扣留申请
        SUSPECT_FOUND 发现涉嫌侵权货物
        HOLDER_NOTIFIED 已通知权利人
        NOT_DETAINED_RELEASED 未扣留已放行
        DETAINED 已扣留
        INVESTIGATING 调查中
        INFRINGEMENT_DETERMINED 已认定侵权
        UNABLE_TO_DETERMINE 不能认定是否侵权
        HELD_PER_COURT 协助人民法院执行扣留
        RELEASED 已放行
        CONFISCATED 已没收
        DISPOSED 已处置
        REFERRED_POLICE 已移送公安机关
    """),
)
enum_labels(
    Route,
    pairs("""
        on_application 依申请保护
        ex_officio 依职权保护
    """),
)
enum_labels(
    ReleaseGround,
    pairs("""
        no_court_notice_20wd 扣留之日起二十个工作日内未收到人民法院协助执行通知
        no_court_notice_50wd 扣留之日起五十个工作日内未收到人民法院协助执行通知且不能认定侵权
        patent_counter_guarantee 涉嫌侵犯专利权货物的收发货人提供等值担保金
        non_infringement_evidence 有充分证据证明不侵权
        holder_withdrawal 权利人撤回扣留申请
        court_order_ended 人民法院协助执行期限届满
    """),
    {
        "no_court_notice_20wd": "no court assistance notice within 20 working days",
        "no_court_notice_50wd": "no court assistance notice within 50 working days",
        "patent_counter_guarantee": "patent goods: guarantee equal to the goods' value",
    },
)
enum_labels(
    Disposal,
    pairs("""
        public_welfare 转交社会公益事业
        sale_to_holder 有偿转让给权利人
        auction_after_removal 清除侵权特征后拍卖
        destruction 销毁
    """),
)
enum_labels(
    HolderDecision,
    pairs("""
        apply 申请扣留
        let_go 不申请扣留
    """),
)
enum_labels(
    GuaranteeForm,
    pairs("""
        cash 保证金
        bank_letter_of_guarantee 银行保函
        other_property_or_rights 其他财产或权利
        general_guarantee 总担保
    """),
)
enum_labels(
    DetentionEvent,
    pairs("""
        CustomsDetentionApplicationFiled 已申请海关扣留
        CustomsSuspectGoodsFound 海关发现涉嫌侵权货物
        CustomsApplicationRejected 海关已驳回扣留申请
        CustomsHolderNotified 海关已书面通知权利人
        CustomsGoodsNotDetained 海关未扣留货物
        CustomsGoodsDetained 海关已扣留货物
        CustomsInvestigationStarted 海关已开始调查
        CustomsInfringementDetermined 海关已认定侵权
        CustomsUnableToDetermine 海关不能认定是否侵权
        CustomsGoodsHeldPerCourt 海关已协助人民法院执行
        CustomsGoodsReleased 海关已放行货物
        CustomsGoodsConfiscated 海关已没收侵权货物
        CustomsGoodsDisposed 海关已处置侵权货物
        CustomsCaseReferredToPolice 海关已移送公安机关
        CustomsHolderDecisionRecorded 已记录权利人是否申请扣留
        CustomsComplaintLinked 已关联投诉案件
        CustomsGuaranteeSettled 担保已处理
        CustomsDeadlineNear 海关期限即将届满
        CustomsDeadlinePassed 海关期限已届满
    """),
)
transition_labels(
    DetentionStatus,
    pairs("""
        reject 驳回扣留申请
        detain_on_application 依申请扣留
        notify_holder 书面通知权利人
        holder_did_not_apply 权利人未申请扣留
        detain_ex_officio 依职权扣留
        start_investigation 开始调查
        determine_infringement 认定侵权
        unable_to_determine 不能认定是否侵权
        hold_per_court 协助人民法院执行
        release_no_court_notice_20wd 二十个工作日内无法院协助执行通知放行
        release_no_court_notice_50wd 五十个工作日内无法院协助执行通知放行
        release_patent_counter_guarantee 提供等值担保金后放行
        release_non_infringement_evidence 有证据证明不侵权放行
        release_holder_withdrawal 权利人撤回申请放行
        release_court_order_ended 法院协助执行期限届满放行
        confiscate 没收
        dispose 处置
        refer_police 移送公安机关
    """),
)
enum_labels(
    CentreAction,
    {
        "holder_decision": "海关扣留通知：权利人决定是否申请扣留并提供担保",
        "court_notice": "海关放行前提交人民法院协助执行通知",
    },
    {
        "holder_decision": "Customs detention notice: the holder decides whether to apply with a guarantee",
        "court_notice": "Bring a people's court's assistance notice before customs releases the goods",
    },
)

# English as staff read it, written out per kind (not the identifier in words; issue 17).
english(
    pairs("""
        CLOSED closed
        OPINION_DRAFTING advisory opinion being drafted
        OPINION_ISSUED advisory opinion issued
        RECEIVED received
        REFERRED_ADJUDICATION referred to administrative adjudication
        REFERRED_COURT directed to litigation
        REFERRED_ENFORCEMENT referred to administrative enforcement
        REFERRED_MEDIATION referred to mediation
        TRIAGED triaged
        assign_examiner assign an examiner
        classify triage
        close close
        issue_opinion issue the advisory opinion
        refer_to_adjudication refer to administrative adjudication
        refer_to_court direct to litigation
        refer_to_enforcement refer to administrative enforcement
        refer_to_mediation refer to mediation
    """),
    CentreCaseStatus,
)
english(
    pairs("""
        aid rights-protection assistance
        mediation mediation
        opinion advisory opinion on infringement
        referral referral
    """),
    Classification,
)
english(
    pairs("""
        cannot_determine cannot be determined
        infringing infringing
        not_infringing not infringing
    """),
    Conclusion,
)
english(
    pairs("""
        ACCEPTED accepted
        CASE_OPENED case opened
        CLOSED concluded
        CORRECTION_REQUESTED awaiting correction
        DUPLICATE duplicate complaint
        IN_CENTRE handled by the centre
        NOT_ACCEPTED not accepted
        RECEIVED registered
        REFERRED referred
        ROUTED routed for handling
        WITHDRAWN withdrawn
        accept accept
        close close
        conclude conclude
        confirm_duplicate confirm as duplicate
        mark_duplicate mark as possible duplicate
        open_case open a case
        override_in_centre reassign to the centre
        override_not_accepted reassign as not accepted
        override_referred reassign for referral
        override_routed reassign for routing
        refuse refuse to accept
        request_correction request correction
        split split
        triage_in_centre triage to the centre
        triage_not_accepted triage as not accepted
        triage_referred triage for referral
        triage_routed triage for routing
        withdraw withdraw
    """),
    ComplaintStatus,
)
english(
    pairs("""
        block blocks acceptance
        correction needs correction
        off not applied
        warning warning
    """),
    Severity,
)
english(
    pairs("""
        accept accept
        correction request correction
        refuse refuse to accept
    """),
    Outcome,
)
english(
    pairs("""
        duplicate duplicate
        related related
    """),
    Relation,
)
english(
    pairs("""
        complainant complainant
        respondent respondent
        right right
    """),
    KeyKind,
)
english(
    pairs("""
        AWAITING_COUNTER_NOTICE awaiting a counter-notice
        COUNTER_NOTICE_RECEIVED counter-notice received
        MEASURES_MAINTAINED measures maintained
        MEASURES_MAINTAINED_PENDING_OUTCOME measures maintained pending the outcome
        MEASURES_TAKEN necessary measures taken
        MEASURES_TERMINATED necessary measures ended
        NOTICE_RECEIVED notice received
        REJECTED_INSUFFICIENT_EVIDENCE not acted on: insufficient evidence
        WAITING_15D waiting 15 days for a complaint or suit
        counter_notice receive a counter-notice
        forward_to_holder forward to the right holder
        forward_to_seller forward to the seller
        holder_filed right holder complained or sued
        no_counter_notice no counter-notice received
        reject reject the notice
        take_measures take necessary measures
        terminate end the necessary measures
    """),
    NoticeStatus,
)
english(
    pairs("""
        platform e-commerce platform
        service another ipcase service
        staff staff member
        system the system
    """),
    ActorKind,
)
english(
    pairs("""
        CaseConcluded case concluded
        CaseOpened case opened
        ComplaintAccepted complaint accepted
        ComplaintClosed complaint concluded
        ComplaintNotAccepted complaint not accepted
        ComplaintRegistered complaint registered
        ComplaintSplit complaint split
        ComplaintTriaged complaint triaged
        ComplaintWithdrawn complaint withdrawn
        CorrectionReceived correction received
        CorrectionRequested correction requested
        DeadlineApproaching deadline approaching
        DeadlinePassed deadline passed
        DuplicateConfirmed duplicate confirmed
        DuplicateDetected possible duplicate found
        EvidenceAttached evidence attached
        FalseMaterialsFound false materials found
        PeriodNotConfigured period not configured
        RelatedComplaintLinked related complaint linked
        RightsVerified ownership of the right verified
        TriageOverridden triage changed by staff
    """),
    ComplaintEvent,
)
english(
    pairs("""
        CentreCaseClosed centre case closed
        CentreCaseOpened centre case opened
        CentreCaseReferred centre case referred
        CentreCaseTriaged centre case triaged
        ExaminerAssigned examiner assigned
        OpinionIssued advisory opinion issued
    """),
    CentreCaseEvent,
)
english(
    pairs("""
        ForwardedToIpOffice forwarded to the IP office
        InfringementNotEstablished infringement not established
        MeasuresOrdered measures ordered
        RepeatExhibitorFlagged flagged as a repeat infringing exhibitor
        RespondentNotified respondent notified
        StatementReceived respondent's statement received
        TradeFairComplaintFiled trade fair complaint filed
        TradeFairComplaintReferred trade fair complaint referred
    """),
    TradeFairEvent,
)
english(
    pairs("""
        CounterNoticeForwardedToHolder counter-notice forwarded to the right holder
        CounterNoticeReceived counter-notice received
        HolderFiledComplaintOrSuit right holder complained or sued
        MeasuresMaintained necessary measures maintained
        MeasuresTaken necessary measures taken
        MeasuresTerminated necessary measures ended
        NotarisationDelayDocumented notarisation delay documented
        NoticeForwardedToSeller notice forwarded to the seller
        NoticePublished notice published
        NoticeRejected notice not acted on
        PlatformNoticeReceived notice received by the platform
    """),
    NoticeEvent,
)
english(
    pairs("""
        RegistryImportCompleted rights data import completed
        RegistryImportFailed rights data import failed
        RegistryImportResumed rights data import resumed
        RegistryImportStarted rights data import started
        RightStatusChanged status of the right changed
        EvaluationReportRecorded patent right evaluation report recorded
    """),
    RegistryEvent,
)
english(
    pairs("""
        completed completed
        failed failed
        pending waiting to start
        running running
        complete complete
        fail fail
        resume resume
        start start
    """),
    ImportStatus,
)
english(
    pairs("""
        agent agent
        complainant complainant
        respondent respondent
    """),
    PartyRole,
)
english(
    pairs("""
        expired term of protection expired
        invalidated declared invalid
        lapsed lapsed (annual fee unpaid)
        revoked revoked
        valid in force
        record_expired record as expired
        record_invalidated record as declared invalid
        record_lapsed record as lapsed
        record_revoked record as revoked
        record_valid record as in force
    """),
    RightStatus,
)
english(
    pairs("""
        no_defect every claim meets the conditions for grant
        partly_defective some claims do not meet the conditions for grant
        defective no claim meets the conditions for grant
    """),
    EvaluationConclusion,
)
english(
    pairs("""
        exclusive exclusive licence
        ordinary ordinary licence
        sole sole licence
    """),
    LicenceKind,
)
english(
    pairs("""
        holder_mismatch right holder does not match
        lapsed right no longer in force
        unknown could not be verified
        verified ownership verified
    """),
    VerificationStatus,
)
english(
    pairs("""
        COMPLAINT_FILED complaint filed
        FORWARDED_TO_IP_OFFICE forwarded to the IP office
        MEASURES_ORDERED measures ordered
        NOT_ESTABLISHED infringement not established
        REFERRED referred
        RESPONDENT_NOTIFIED respondent notified
        STATEMENT_RECEIVED statement received
        forward forward to the IP office
        not_established find infringement not established
        notify_respondent notify the respondent
        order_measures order measures
        refer refer
        statement receive the statement
    """),
    TradeFairStatus,
)
english(
    pairs("""
        cover cover the exhibit
        delink remove the link
        withdraw withdraw from the fair
    """),
    Measure,
)
english(
    pairs("""
        bulk_import bulk import
        court_assignment court assignment
        customs_notice customs notice
        ecommerce_platform from an e-commerce platform
        online filed online
        referral referred by another authority
        trade_fair at a trade fair
        walk_in filed in person
    """),
    Channel,
)
english(
    pairs("""
        exclusive_licensee exclusive licensee
        heir heir
        ordinary_licensee_authorised ordinary licensee with express authorisation
        patentee patentee
        right_holder right holder
        sole_licensee sole licensee
    """),
    Capacity,
)
english(
    pairs("""
        counterfeit counterfeiting
        disseminate_online disseminating online
        distribute distributing
        import importing
        make making
        offer_to_sell offering for sale
        reproduce reproducing
        sell selling
        use using
        use_mark using the mark
    """),
    AllegedAct,
)
english(
    pairs("""
        issued issued
        none none
        requested requested
    """),
    EvaluationReport,
)
english(
    pairs("""
        ecommerce_opinion e-commerce infringement opinion
        green_channel green channel
        mediation mediation
        not_accepted not accepted
        ordinary_adjudication administrative adjudication, ordinary procedure
        penalty_case administrative penalty case
        refer_enforcement referral to administrative enforcement
        refer_police referral to the police
        simple_procedure simplified procedure
        trade_fair trade fair fast track
    """),
    Track,
)
english(
    pairs("""
        administrative_enforcement administrative enforcement authority
        arbitration arbitration institution
        court people's court
        customs customs
        other_office another IP office
        police public security (police)
        procuratorate procuratorate
    """),
    Agency,
)
english(
    pairs("""
        clean no virus found
        infected virus found
        not_scanned not scanned
        pending_scan waiting for the scan
    """),
    ScanStatus,
)
english(
    pairs("""
        APPROVED recorded
        CANCELLED recordation cancelled
        LAPSED recordation lapsed
        REVOKED recordation revoked
        cancel cancel the recordation
        lapse let the recordation lapse
        renew renew the recordation
        revoke revoke the recordation
    """),
    RecordationStatus,
)
english(
    pairs("""
        not_renewed not renewed in time
        right_ended the right ended
    """),
    LapseReason,
)
english(
    pairs("""
        CustomsRecordationApproved customs recordation approved
        CustomsRecordationCancelled customs recordation cancelled
        CustomsRecordationChangePending recorded particulars changed, to be reported
        CustomsRecordationChangeReported recordation change reported
        CustomsRecordationLapsed customs recordation lapsed
        CustomsRecordationRenewalWindowOpened recordation renewal period opened
        CustomsRecordationRenewed customs recordation renewed
        CustomsRecordationRevoked customs recordation revoked
    """),
    RecordationEvent,
)
english(
    pairs("""
        APPLICATION_FILED detention applied for
        CONFISCATED confiscated
        DETAINED detained
        DISPOSED disposed of
        HELD_PER_COURT held to assist a court
        HOLDER_NOTIFIED right holder notified
        INFRINGEMENT_DETERMINED infringement determined
        INVESTIGATING under investigation
        NOT_DETAINED_RELEASED released without detention
        REFERRED_POLICE referred to the police
        REJECTED detention application rejected
        RELEASED released
        SUSPECT_FOUND suspected infringing goods found
        UNABLE_TO_DETERMINE infringement cannot be determined
        confiscate confiscate
        detain_ex_officio detain ex officio
        detain_on_application detain on application
        determine_infringement determine infringement
        dispose dispose of the goods
        hold_per_court hold to assist a court
        holder_did_not_apply right holder did not apply
        notify_holder notify the right holder in writing
        refer_police refer to the police
        reject reject the detention application
        release_court_order_ended release: court assistance period ended
        release_holder_withdrawal release: right holder withdrew the application
        release_no_court_notice_20wd release: no court notice within 20 working days
        release_no_court_notice_50wd release: no court notice within 50 working days
        release_non_infringement_evidence release: sufficient evidence of non-infringement
        release_patent_counter_guarantee release against an equal counter-guarantee
        start_investigation start the investigation
        unable_to_determine infringement cannot be determined
    """),
    DetentionStatus,
)
english(
    pairs("""
        ex_officio ex officio protection
        on_application protection on application
    """),
    Route,
)
english(
    pairs("""
        court_order_ended court assistance period ended
        holder_withdrawal right holder withdrew the application
        non_infringement_evidence sufficient evidence of non-infringement
    """),
    ReleaseGround,
)
english(
    pairs("""
        auction_after_removal auction after removing infringing features
        destruction destruction
        public_welfare handed to public welfare
        sale_to_holder sale to the right holder
    """),
    Disposal,
)
english(
    pairs("""
        apply apply for detention
        let_go not apply for detention
    """),
    HolderDecision,
)
english(
    pairs("""
        bank_letter_of_guarantee bank letter of guarantee
        cash cash deposit
        general_guarantee general guarantee
        other_property_or_rights other property or rights
    """),
    GuaranteeForm,
)
english(
    pairs("""
        CustomsApplicationRejected detention application rejected by customs
        CustomsCaseReferredToPolice customs referred the case to the police
        CustomsDeadlineNear customs deadline approaching
        CustomsDeadlinePassed customs deadline passed
        CustomsDetentionApplicationFiled customs detention applied for
        CustomsGoodsConfiscated infringing goods confiscated by customs
        CustomsGoodsDetained goods detained by customs
        CustomsGoodsDisposed infringing goods disposed of by customs
        CustomsGoodsHeldPerCourt goods held by customs to assist a court
        CustomsGoodsNotDetained goods not detained by customs
        CustomsGoodsReleased goods released by customs
        CustomsGuaranteeSettled guarantee settled
        CustomsHolderDecisionRecorded right holder's decision on detention recorded
        CustomsHolderNotified right holder notified in writing by customs
        CustomsInfringementDetermined infringement determined by customs
        CustomsComplaintLinked complaint case linked
        CustomsInvestigationStarted customs investigation started
        CustomsSuspectGoodsFound suspected infringing goods found by customs
        CustomsUnableToDetermine customs cannot determine infringement
    """),
    DetentionEvent,
)
