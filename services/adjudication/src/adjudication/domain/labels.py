"""Adjudication's entries in the bilingual catalogue (:mod:`shared.catalogue`): the Chinese name of every
state, transition, step, enum value and event a person reads. English defaults to the identifier in
words. Registering an enum checks that every member has a name, so a new state cannot ship without one."""

from __future__ import annotations

from adjudication.domain.approvals import Approval
from adjudication.domain.case.parts.clock import PauseReason, PauseStatus
from adjudication.domain.case.parts.decision import InfringingAct, Outcome, StopMeasure
from adjudication.domain.case.parts.drug_linkage import DeclarationType
from adjudication.domain.case.parts.endings import EndingKind
from adjudication.domain.case.parts.enforcement import EnforcementStatus
from adjudication.domain.case.parts.hearings import Attendance, HearingMode, HearingStatus
from adjudication.domain.case.parts.jurisdiction import JurisdictionBasis
from adjudication.domain.case.parts.litigation import JudgmentResult
from adjudication.domain.case.parts.participants import AssignmentStatus
from adjudication.domain.case.parts.procedure import Procedure, SimpleCriterion
from adjudication.domain.case.parts.recusal import RecusalResult, RecusalStatus
from adjudication.domain.case.parts.service import DocumentKind, ServiceMethod
from adjudication.domain.case.parts.suspension import (
    Attachment,
    RefusalGround,
    SuspensionDecision,
    SuspensionReason,
)
from adjudication.domain.case.states import CaseState
from adjudication.domain.commands.base import Who
from adjudication.domain.events import CaseEvent, DeadlineEvent, PenaltyEvent
from adjudication.domain.penalty.laws import (
    CopyrightAct,
    FineMeasure,
    InvestigationMeasure,
    PenaltyLaw,
    TrademarkAct,
)
from adjudication.domain.penalty.states import PenaltyState
from adjudication.domain.penalty.values import CaseSource, CounterfeitAct, PenaltySeverity
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.parties import PartyRole
from adjudication.domain.values.rules import ParticipantRole, Stage
from shared.catalogue import english, enum_labels, pairs, transition_labels

enum_labels(
    Approval,
    pairs("""
        docket 立案审批
        decision 裁决审批
        time_limit_extension 延长办案期限审批
        penalty_decision 处罚决定审批
    """),
)
enum_labels(
    PauseReason,
    pairs("""
        suspension 中止
        appraisal 鉴定
        publication 公告
    """),
)
enum_labels(
    PauseStatus,
    pairs("""
        open 计时中止中
        ended 已恢复计时
    """),
)
enum_labels(
    Outcome,
    pairs("""
        NOT_ACCEPTED 不予受理
        INFRINGEMENT_ESTABLISHED 侵权成立
        REQUEST_REJECTED 驳回请求
        MEDIATED 调解结案
        WITHDRAWN 撤回请求
        DEEMED_WITHDRAWN 按撤回请求处理
        DISMISSED 驳回
        WITHIN_PROTECTION_SCOPE 落入专利权保护范围
        OUTSIDE_PROTECTION_SCOPE 未落入专利权保护范围
    """),
)
enum_labels(
    InfringingAct,
    pairs("""
        make 制造
        use 使用
        offer_to_sell 许诺销售
        sell 销售
        import 进口
    """),
)
enum_labels(
    StopMeasure,
    pairs("""
        destroy_special_equipment 销毁专用设备
        destroy_moulds 销毁模具
        no_disposal_of_stock 不得处置库存侵权产品
        remove_offers 删除许诺销售信息
        notify_platform 通知电商平台
        stop_using_method 停止使用专利方法
        stop_import 停止进口
    """),
)
enum_labels(
    DeclarationType,
    pairs("""
        type_1 一类声明
        type_2 二类声明
        type_3 三类声明
        type_4 四类声明
    """),
)
enum_labels(
    EndingKind,
    pairs("""
        not_accepted 不予受理
        withdrawn 撤回
        deemed_withdrawn 按撤回处理
        dismissed 驳回
        closed 结案
    """),
)
enum_labels(
    EnforcementStatus,
    pairs("""
        demand_served 催告书已送达
        applied 已申请强制执行
        refused 法院不予执行
        granted 法院准予执行
    """),
)
enum_labels(
    HearingMode,
    pairs("""
        physical 现场审理
        remote 在线审理
    """),
)
enum_labels(
    HearingStatus,
    pairs("""
        scheduled 已安排
        held 已举行
        cancelled 已取消
    """),
)
enum_labels(
    Attendance,
    pairs("""
        present 到庭
        absent_with_reason 有正当理由缺席
        absent_without_reason 无正当理由缺席
        left_without_leave 未经许可中途退庭
    """),
)
enum_labels(
    JurisdictionBasis,
    pairs("""
        respondent_domicile 被请求人住所地
        place_of_infringement 侵权行为地
        designated 指定管辖
        national_significance 全国有重大影响
    """),
)
enum_labels(
    JudgmentResult,
    pairs("""
        upheld 维持
        revoked 撤销
    """),
)
enum_labels(
    AssignmentStatus,
    pairs("""
        active 在任
        challenged 被申请回避
        released 已解除
        recused 已回避
    """),
)
enum_labels(
    Procedure,
    pairs("""
        ordinary 普通程序
        simple 简易程序
        green_channel 绿色通道
    """),
)
enum_labels(
    SimpleCriterion,
    pairs("""
        facts_clear 事实清楚
        rights_and_duties_clear 权利义务关系明确
        evidence_sufficient 证据充分
        ownership_undisputed_no_invalidation 权属无争议且未被请求宣告无效
        evaluation_report_clean 专利权评价报告未发现缺陷
    """),
)
enum_labels(
    RecusalResult,
    pairs("""
        granted 准予回避
        rejected 驳回回避申请
    """),
)
enum_labels(
    RecusalStatus,
    pairs("""
        pending 待决定
        granted 准予回避
        rejected 驳回
        reconsidering 复议中
        granted_on_reconsideration 复议后准予回避
        rejection_upheld 复议维持驳回
    """),
)
enum_labels(
    DocumentKind,
    pairs("""
        request_copy 请求书副本
        answer_copy 答辩书副本
        evidence_copy 证据副本
        hearing_notice 口头审理通知书
        participant_notice 办案人员告知书
        decision 裁决书
        enforcement_demand 催告书
        other 其他文书
    """),
)
enum_labels(
    ServiceMethod,
    pairs("""
        in_person 直接送达
        post 邮寄送达
        electronic 电子送达
        left_at_address 留置送达
        announcement 公告送达
    """),
)
enum_labels(
    SuspensionReason,
    pairs("""
        invalidation 已请求宣告专利权无效
        ownership 权属纠纷
        court_preservation 法院财产保全
        other 其他
    """),
)
enum_labels(
    Attachment,
    pairs("""
        acceptance_notice 无效宣告请求受理通知书
        invalidation_request 无效宣告请求书
        invalidation_evidence 无效宣告证据
    """),
)
enum_labels(
    RefusalGround,
    pairs("""
        invalidation_grounds_insufficient 无效理由明显不成立
        prior_art 被请求人以现有技术抗辩
        outside_claims 被控产品明显未落入保护范围
        evaluation_report_no_defect 评价报告未发现缺陷
        incomplete_request 申请材料不全
        late_request 申请逾期
        other 其他
    """),
)
enum_labels(
    SuspensionDecision,
    pairs("""
        pending 待决定
        granted 准予中止
        refused 不予中止
    """),
)
enum_labels(
    CaseState,
    pairs("""
        SUBMITTED 已提交请求
        CORRECTION_REQUESTED 待补正
        NOT_ACCEPTED 不予受理
        DOCKETED 已立案
        SERVED_ON_RESPONDENT 已向被请求人送达
        ANSWER_PERIOD 答辩期内
        IN_REVIEW 审查中
        HEARING_SCHEDULED 已安排口头审理
        HEARING_HELD 已口头审理
        SUSPENDED 已中止
        IN_MEDIATION 调解中
        DECIDED 已裁决
        MEDIATED 调解结案
        WITHDRAWN 已撤回
        DISMISSED 已驳回
        LITIGATION_WINDOW 起诉期内
        UNDER_ADMIN_LITIGATION 行政诉讼中
        EFFECTIVE 裁决已生效
        REVOKED 裁决已被撤销
        ENFORCEMENT_DEMAND_SENT 已催告履行
        ENFORCEMENT_APPLIED 已申请强制执行
        COMPLIED 已履行
        CLOSED 已结案
    """),
)
enum_labels(
    Who,
    pairs("""
        office 机关
        panel 合议组
        court 法院
        handler 承办人
    """),
)
enum_labels(
    CaseEvent,
    pairs("""
        RequestFiled 已提交请求
        CorrectionRequested 已通知补正
        MaterialsSupplemented 已补正材料
        CaseDocketed 已立案
        CaseNotAccepted 不予受理
        ProcedureChanged 程序已转换
        RequestCopyServed 已送达请求书副本
        AnswerPeriodOpened 答辩期开始
        AnswerReceived 已收到答辩
        AnswerPeriodLapsed 答辩期届满
        ReviewStarted 开始审查
        DocumentServed 文书已送达
        EvidenceSubmitted 已提交证据
        EvidenceExchanged 已交换证据
        ParticipantAssigned 已指派办案人员
        ParticipantReleased 已解除办案人员
        RecusalRequested 已申请回避
        RecusalDecided 已作出回避决定
        RecusalReconsiderationRequested 已申请回避复议
        RecusalReconsidered 已作出回避复议决定
        HearingScheduled 已安排口头审理
        HearingRescheduled 口头审理已改期
        HearingNoticeLate 口头审理通知晚于法定期限
        HearingHeld 已举行口头审理
        HearingCancelled 口头审理已取消
        RequestDeemedWithdrawn 按撤回请求处理
        SuspensionRequested 已申请中止
        SuspensionRefused 不予中止
        CaseSuspended 案件已中止
        SuspensionExtended 中止已延长
        CaseResumed 案件已恢复审理
        ClockPaused 办案期限已中止计算
        ClockResumed 办案期限已恢复计算
        TimeLimitExtended 办案期限已延长
        MediationRequested 已申请调解
        CaseMediated 已调解结案
        MediationFailed 调解不成
        RequestWithdrawn 已撤回请求
        CaseDismissed 已驳回
        DecisionIssued 已作出裁决
        DecisionServed 裁决书已送达
        LitigationWindowLapsed 起诉期届满
        AdminSuitFiled 已提起行政诉讼
        DecisionBecameEffective 裁决已生效
        DecisionUpheld 裁决被判决维持
        DecisionRevoked 裁决被判决撤销
        ReviewReopened 重新审查
        NonComplianceFound 发现未履行
        ComplianceVerified 已核实履行
        EnforcementDemandServed 催告书已送达
        EnforcementApplied 已申请强制执行
        EnforcementGranted 法院准予执行
        EnforcementRefused 法院不予执行
        EnforcementReviewSought 已申请复议
        CaseClosed 已结案
        RepeatInfringementFlagged 已标记为重复侵权
        DrugLinkageRegistered 药品专利纠纷已登记
        CdeNotified 已通知药审中心
        ApprovalRequested 已提请审批
    """),
)
enum_labels(
    PenaltyEvent,
    pairs("""
        PenaltyCaseFiled 处罚案件已立案
        PenaltyProposed 已告知拟作出的处罚
        PenaltyHearingRequested 已申请听证
        PenaltyHearingWaived 已放弃听证
        PenaltyHearingHeld 已举行听证
        PenaltyDecided 已作出处罚决定
        PenaltyDecisionServed 处罚决定书已送达
        PenaltyPublished 处罚决定已公示
        PenaltyCaseClosed 处罚案件已结案
        PenaltyCaseDropped 处罚案件已撤销立案
        CaseTransferredToPolice 已移送公安机关
        PenaltyApprovalRequested 已提请处罚审批
        InvestigationMeasureTaken 已采取调查措施
    """),
)
enum_labels(
    DeadlineEvent,
    pairs("""
        DeadlineDueSoon 期限即将届满
        DeadlineMissed 期限已逾期
        PeriodLapsed 期间已届满
    """),
)
enum_labels(
    PenaltyState,
    pairs("""
        FILED 已立案
        NOTIFIED 已告知
        HEARING_REQUESTED 已申请听证
        HEARD 已听证
        DECIDED 已决定
        PUBLISHED 已公示
        CLOSED 已结案
        DROPPED 已撤销立案
        TRANSFERRED 已移送公安机关
    """),
)
enum_labels(
    CounterfeitAct,
    pairs("""
        marking_unpatented 在未授予专利权的产品上标注专利标识
        marking_after_lapse 专利权终止后继续标注专利标识
        using_others_number 擅自使用他人专利号
        selling_marked_products 销售上述产品
        claiming_in_materials 在材料中将非专利技术称为专利技术
        forging_documents 伪造或变造专利证书、文件
        other_misleading 其他使公众混淆的行为
    """),
)
enum_labels(
    CaseSource,
    pairs("""
        ex_officio 依职权发现
        complaint 投诉举报
        referral 移送
    """),
)
enum_labels(
    ActorKind,
    pairs("""
        handler 承办人
        panel 合议组
        office_head 机关负责人
        requester 请求人
        respondent 被请求人
        parties 双方当事人
        court 法院
        mediation 调解
        system 系统
    """),
)
enum_labels(
    PartyRole,
    pairs("""
        requester 请求人
        respondent 被请求人
    """),
)
enum_labels(
    ParticipantRole,
    pairs("""
        handler 承办人
        presiding 审理组长
        panel_member 合议组成员
        technical_investigator 技术调查官
        appraiser 鉴定人
        clerk 书记员
    """),
)
enum_labels(
    Stage,
    pairs("""
        acceptance 受理阶段
        adjudication 裁决阶段
        redecision 重新裁决阶段
        enforcement 执行阶段
    """),
)
transition_labels(
    CaseState,
    pairs("""
        request_correction 通知补正
        supplement_materials 补正材料
        docket 立案
        refuse 不予受理
        serve_request_copy 送达请求书副本
        open_answer_period 开始答辩期
        review_after_answers 答辩后开始审查
        review_after_answer_period 答辩期届满后开始审查
        schedule_hearing 安排口头审理
        hold_hearing 举行口头审理
        cancel_hearing 取消口头审理
        deem_withdrawn 按撤回处理
        suspend 中止
        resume 恢复审理
        resume_at_time_limit 中止期满恢复审理
        refer_to_mediation 转入调解
        conclude_mediation 调解结案
        return_from_mediation 调解不成恢复审理
        withdraw 撤回请求
        dismiss 驳回
        decide 作出裁决
        serve_decision 送达裁决书
        record_admin_suit 登记行政诉讼
        become_effective 裁决生效
        uphold 判决维持
        revoke 判决撤销
        reopen_after_revocation 撤销后重新审查
        verify_compliance 核实履行
        send_enforcement_demand 催告履行
        apply_for_enforcement 申请强制执行
        close_on_enforcement_granted 准予执行后结案
        close_after_review_period 复议期届满后结案
        close 结案
    """),
)
transition_labels(
    PauseStatus,
    pairs("""
        end 恢复计时
    """),
)
transition_labels(
    EnforcementStatus,
    pairs("""
        apply 申请强制执行
        grant 准予执行
        refuse 不予执行
        seek_review 申请复议
    """),
)
transition_labels(
    HearingStatus,
    pairs("""
        reschedule 改期
        serve_notice 送达通知
        hold 举行
        cancel 取消
    """),
)
transition_labels(
    AssignmentStatus,
    pairs("""
        challenge 申请回避
        clear 驳回回避申请
        recuse 回避
        release 解除
    """),
)
transition_labels(
    RecusalStatus,
    pairs("""
        grant 准予回避
        reject 驳回
        request_reconsideration 申请复议
        grant_on_reconsideration 复议后准予回避
        uphold_rejection 复议维持驳回
    """),
)
transition_labels(
    SuspensionDecision,
    pairs("""
        grant 准予中止
        refuse 不予中止
    """),
)
transition_labels(
    PenaltyState,
    pairs("""
        notify 告知拟处罚
        request_hearing 申请听证
        hold_hearing 举行听证
        decide 作出处罚决定
        publish 公示
        close 结案
        drop 撤销立案
        transfer_to_police 移送公安机关
    """),
)

# Trademark and copyright penalty cases (issue 18; domain rules §A.12, §A.13).
enum_labels(
    PenaltyLaw,
    pairs("""
        counterfeit_patent 假冒专利
        trademark 商标侵权
        copyright 著作权侵权
    """),
    {"trademark": "trademark infringement", "copyright": "copyright infringement"},
)
enum_labels(
    FineMeasure,
    pairs("""
        illegal_gains 违法所得
        illegal_turnover 违法经营额
    """),
)
enum_labels(
    TrademarkAct,
    pairs("""
        identical_mark_same_goods 在同一种商品上使用与其注册商标相同的商标
        confusing_mark 使用近似商标或在类似商品上使用容易导致混淆
        selling_infringing_goods 销售侵犯注册商标专用权的商品
        forging_marks 伪造、擅自制造他人注册商标标识或者销售
        reverse_passing_off 更换他人注册商标并将该商品又投入市场
        facilitating 故意为侵权行为提供便利条件
        other_damage 给他人的注册商标专用权造成其他损害
    """),
)
enum_labels(
    CopyrightAct,
    pairs("""
        reproducing_distributing 未经许可复制、发行、表演、放映、广播、汇编、通过信息网络传播作品
        publishing_exclusive_book 出版他人享有专有出版权的图书
        performance_recording 未经许可复制、发行、传播表演者的表演
        sound_recording 未经许可复制、发行、传播录音录像制品
        broadcast_signal 未经许可播放、复制、传播广播、电视
        circumvention 故意避开或者破坏技术措施
        rights_info_removal 故意删除或者改变权利管理信息
        forged_signature 制作、出售假冒他人署名的作品
    """),
)
enum_labels(
    InvestigationMeasure,
    pairs("""
        questioning 询问有关当事人
        on_site_inspection 现场检查
        records 查阅、复制有关合同、发票、账簿等资料
        product_inspection 检查有关产品
        sealing_seizing 查封或者扣押
    """),
)
enum_labels(
    PenaltySeverity,
    pairs("""
        warning_only 仅予警告
        standard 一般行政处罚
        heavier 较重行政处罚
    """),
)

# English as staff read it, written out per kind (not the identifier in words; issue 17).
english(
    pairs("""
        decision approval of the decision
        docket approval of the docketing
        penalty_decision approval of the penalty decision
        time_limit_extension approval of a time-limit extension
    """),
    Approval,
)
english(
    pairs("""
        appraisal technical appraisal
        publication service by announcement
        suspension suspension
    """),
    PauseReason,
)
english(
    pairs("""
        ended clock running again
        open clock paused
        end restart the clock
    """),
    PauseStatus,
)
english(
    pairs("""
        DEEMED_WITHDRAWN request deemed withdrawn
        DISMISSED dismissed
        INFRINGEMENT_ESTABLISHED infringement established
        MEDIATED settled by mediation
        NOT_ACCEPTED not accepted
        OUTSIDE_PROTECTION_SCOPE outside the patent's scope of protection
        REQUEST_REJECTED request rejected
        WITHDRAWN request withdrawn
        WITHIN_PROTECTION_SCOPE within the patent's scope of protection
    """),
    Outcome,
)
english(
    pairs("""
        import importing
        make making
        offer_to_sell offering for sale
        sell selling
        use using
    """),
    InfringingAct,
)
english(
    pairs("""
        destroy_moulds destroy the moulds
        destroy_special_equipment destroy the special equipment
        no_disposal_of_stock do not dispose of infringing stock
        notify_platform notify the e-commerce platform
        remove_offers remove the offers for sale
        stop_import stop importing
        stop_using_method stop using the patented method
    """),
    StopMeasure,
)
english(
    pairs("""
        type_1 type 1 declaration
        type_2 type 2 declaration
        type_3 type 3 declaration
        type_4 type 4 declaration
    """),
    DeclarationType,
)
english(
    pairs("""
        closed closed
        deemed_withdrawn deemed withdrawn
        dismissed dismissed
        not_accepted not accepted
        withdrawn withdrawn
    """),
    EndingKind,
)
english(
    pairs("""
        applied enforcement applied for
        demand_served demand to perform served
        granted enforcement granted by the court
        refused enforcement refused by the court
        apply apply for enforcement
        grant grant enforcement
        refuse refuse enforcement
        seek_review seek review
    """),
    EnforcementStatus,
)
english(
    pairs("""
        physical in person
        remote online
    """),
    HearingMode,
)
english(
    pairs("""
        cancelled cancelled
        held held
        scheduled scheduled
        cancel cancel
        hold hold
        reschedule reschedule
        serve_notice serve the notice
    """),
    HearingStatus,
)
english(
    pairs("""
        absent_with_reason absent with good reason
        absent_without_reason absent without good reason
        left_without_leave left without leave
        present present
    """),
    Attendance,
)
english(
    pairs("""
        designated designated jurisdiction
        national_significance of national significance
        place_of_infringement place of infringement
        respondent_domicile respondent's domicile
    """),
    JurisdictionBasis,
)
english(
    pairs("""
        revoked decision revoked
        upheld decision upheld
    """),
    JudgmentResult,
)
english(
    pairs("""
        active serving
        challenged challenged (recusal requested)
        recused recused
        released released
        challenge request recusal
        clear reject the recusal request
        recuse recuse
        release release
    """),
    AssignmentStatus,
)
english(
    pairs("""
        green_channel green channel
        ordinary ordinary procedure
        simple simplified procedure
    """),
    Procedure,
)
english(
    pairs("""
        evaluation_report_clean evaluation report found no defect
        evidence_sufficient evidence sufficient
        facts_clear facts clear
        ownership_undisputed_no_invalidation ownership undisputed, no invalidation requested
        rights_and_duties_clear rights and duties clear
    """),
    SimpleCriterion,
)
english(
    pairs("""
        granted recusal granted
        rejected recusal request rejected
    """),
    RecusalResult,
)
english(
    pairs("""
        granted recusal granted
        granted_on_reconsideration recusal granted on reconsideration
        pending awaiting decision
        reconsidering under reconsideration
        rejected rejected
        rejection_upheld rejection upheld on reconsideration
        grant grant recusal
        grant_on_reconsideration grant recusal on reconsideration
        reject reject
        request_reconsideration request reconsideration
        uphold_rejection uphold the rejection
    """),
    RecusalStatus,
)
english(
    pairs("""
        answer_copy copy of the answer
        decision adjudication decision
        enforcement_demand demand to perform
        evidence_copy copy of the evidence
        hearing_notice notice of oral hearing
        other other document
        participant_notice notice of the case handlers
        request_copy copy of the request
    """),
    DocumentKind,
)
english(
    pairs("""
        announcement service by announcement
        electronic electronic service
        in_person personal service
        left_at_address service by leaving at the address
        post service by post
    """),
    ServiceMethod,
)
english(
    pairs("""
        court_preservation court preservation of property
        invalidation invalidation of the patent requested
        other other reason
        ownership ownership dispute
    """),
    SuspensionReason,
)
english(
    pairs("""
        acceptance_notice notice accepting the invalidation request
        invalidation_evidence invalidation evidence
        invalidation_request invalidation request
    """),
    Attachment,
)
english(
    pairs("""
        evaluation_report_no_defect evaluation report found no defect
        incomplete_request incomplete application
        invalidation_grounds_insufficient invalidation grounds clearly unfounded
        late_request application out of time
        other other ground
        outside_claims accused product clearly outside the claims
        prior_art prior-art defence raised by the respondent
    """),
    RefusalGround,
)
english(
    pairs("""
        granted suspension granted
        pending awaiting decision
        refused suspension refused
        grant grant suspension
        refuse refuse suspension
    """),
    SuspensionDecision,
)
english(
    pairs("""
        ANSWER_PERIOD in the answer period
        CLOSED closed
        COMPLIED complied with
        CORRECTION_REQUESTED awaiting correction
        DECIDED decided
        DISMISSED dismissed
        DOCKETED docketed
        EFFECTIVE decision in effect
        ENFORCEMENT_APPLIED enforcement applied for
        ENFORCEMENT_DEMAND_SENT demand to perform sent
        HEARING_HELD oral hearing held
        HEARING_SCHEDULED oral hearing scheduled
        IN_MEDIATION in mediation
        IN_REVIEW under review
        LITIGATION_WINDOW within the period to sue
        MEDIATED settled by mediation
        NOT_ACCEPTED not accepted
        REVOKED decision revoked
        SERVED_ON_RESPONDENT served on the respondent
        SUBMITTED request submitted
        SUSPENDED suspended
        UNDER_ADMIN_LITIGATION in administrative litigation
        WITHDRAWN withdrawn
        apply_for_enforcement apply for enforcement
        become_effective decision takes effect
        cancel_hearing cancel the oral hearing
        close close the case
        close_after_review_period close after the review period
        close_on_enforcement_granted close once enforcement is granted
        conclude_mediation close as mediated
        decide decide
        deem_withdrawn deem withdrawn
        dismiss dismiss
        docket docket
        hold_hearing hold the oral hearing
        open_answer_period open the answer period
        record_admin_suit record an administrative suit
        refer_to_mediation refer to mediation
        refuse refuse to accept
        reopen_after_revocation review again after revocation
        request_correction request correction
        resume resume
        resume_at_time_limit resume when the suspension ends
        return_from_mediation resume after failed mediation
        review_after_answer_period review after the answer period
        review_after_answers review after the answers
        revoke revoked by judgment
        schedule_hearing schedule an oral hearing
        send_enforcement_demand demand performance
        serve_decision serve the decision
        serve_request_copy serve a copy of the request
        supplement_materials supplement the materials
        suspend suspend
        uphold upheld by judgment
        verify_compliance verify compliance
        withdraw withdraw the request
    """),
    CaseState,
)
english(
    pairs("""
        court people's court
        handler case handler
        office the office
        panel collegial panel
    """),
    Who,
)
english(
    pairs("""
        AdminSuitFiled administrative suit filed
        AnswerPeriodLapsed answer period ended
        AnswerPeriodOpened answer period began
        AnswerReceived answer received
        ApprovalRequested approval requested
        CaseClosed case closed
        CaseDismissed case dismissed
        CaseDocketed case docketed
        CaseMediated case settled by mediation
        CaseNotAccepted request not accepted
        CaseResumed case resumed
        CaseSuspended case suspended
        CdeNotified Center for Drug Evaluation notified
        ClockPaused time limit paused
        ClockResumed time limit running again
        ComplianceVerified compliance verified
        CorrectionRequested correction requested
        DecisionBecameEffective decision took effect
        DecisionIssued decision issued
        DecisionRevoked decision revoked by judgment
        DecisionServed decision served
        DecisionUpheld decision upheld by judgment
        DocumentServed document served
        DrugLinkageRegistered drug patent dispute registered
        EnforcementApplied enforcement applied for
        EnforcementDemandServed demand to perform served
        EnforcementGranted enforcement granted by the court
        EnforcementRefused enforcement refused by the court
        EnforcementReviewSought review sought
        EvidenceExchanged evidence exchanged
        EvidenceSubmitted evidence submitted
        HearingCancelled oral hearing cancelled
        HearingHeld oral hearing held
        HearingNoticeLate hearing notice later than the law allows
        HearingRescheduled oral hearing rescheduled
        HearingScheduled oral hearing scheduled
        LitigationWindowLapsed period to sue ended
        MaterialsSupplemented materials supplemented
        MediationFailed mediation failed
        MediationRequested mediation requested
        NonComplianceFound non-compliance found
        ParticipantAssigned case handler assigned
        ParticipantReleased case handler released
        ProcedureChanged procedure changed
        RecusalDecided recusal decided
        RecusalReconsiderationRequested reconsideration of recusal requested
        RecusalReconsidered recusal reconsidered
        RecusalRequested recusal requested
        RepeatInfringementFlagged flagged as repeat infringement
        RequestCopyServed copy of the request served
        RequestDeemedWithdrawn request deemed withdrawn
        RequestFiled request filed
        RequestWithdrawn request withdrawn
        ReviewReopened review reopened
        ReviewStarted review started
        SuspensionExtended suspension extended
        SuspensionRefused suspension refused
        SuspensionRequested suspension requested
        TimeLimitExtended time limit extended
    """),
    CaseEvent,
)
english(
    pairs("""
        CaseTransferredToPolice case transferred to the police
        InvestigationMeasureTaken investigation measure taken
        PenaltyApprovalRequested penalty approval requested
        PenaltyCaseClosed penalty case closed
        PenaltyCaseDropped penalty case dropped
        PenaltyCaseFiled penalty case filed
        PenaltyDecided penalty decided
        PenaltyDecisionServed penalty decision served
        PenaltyHearingHeld penalty hearing held
        PenaltyHearingRequested penalty hearing requested
        PenaltyHearingWaived penalty hearing waived
        PenaltyProposed proposed penalty notified
        PenaltyPublished penalty decision published
    """),
    PenaltyEvent,
)
english(
    pairs("""
        DeadlineDueSoon deadline approaching
        DeadlineMissed deadline missed
        PeriodLapsed period ended
    """),
    DeadlineEvent,
)
english(
    pairs("""
        CLOSED closed
        DECIDED decided
        DROPPED dropped
        FILED filed
        HEARD heard
        HEARING_REQUESTED hearing requested
        NOTIFIED notified of the proposed penalty
        PUBLISHED published
        TRANSFERRED transferred to the police
        close close the case
        decide decide the penalty
        drop drop the case
        hold_hearing hold the hearing
        notify notify the proposed penalty
        publish publish
        request_hearing request a hearing
        transfer_to_police transfer to the police
    """),
    PenaltyState,
)
english(
    pairs("""
        claiming_in_materials calling unpatented technology patented in materials
        forging_documents forging or altering patent certificates or documents
        marking_after_lapse marking after the patent lapsed
        marking_unpatented marking an unpatented product
        other_misleading other acts misleading the public
        selling_marked_products selling such products
        using_others_number using another's patent number without permission
    """),
    CounterfeitAct,
)
english(
    pairs("""
        complaint complaint or report
        ex_officio found ex officio
        referral referral
    """),
    CaseSource,
)
english(
    pairs("""
        court people's court
        handler case handler
        mediation mediation
        office_head head of the office
        panel collegial panel
        parties both parties
        requester requester
        respondent respondent
        system the system
    """),
    ActorKind,
)
english(
    pairs("""
        requester requester
        respondent respondent
    """),
    PartyRole,
)
english(
    pairs("""
        appraiser appraiser
        clerk clerk
        handler case handler
        panel_member panel member
        presiding presiding member
        technical_investigator technical investigator
    """),
    ParticipantRole,
)
english(
    pairs("""
        acceptance acceptance stage
        adjudication adjudication stage
        enforcement enforcement stage
        redecision re-decision stage
    """),
    Stage,
)
english(
    pairs("""
        counterfeit_patent passing off a patent
    """),
    PenaltyLaw,
)
english(
    pairs("""
        illegal_gains illegal gains
        illegal_turnover illegal turnover
    """),
    FineMeasure,
)
english(
    pairs("""
        confusing_mark using a similar mark or on similar goods, likely to confuse
        facilitating knowingly facilitating infringement
        forging_marks forging or making another's registered marks without permission, or selling them
        identical_mark_same_goods identical mark on the same goods
        other_damage other harm to the exclusive right to a registered mark
        reverse_passing_off replacing another's registered mark and reselling the goods
        selling_infringing_goods selling goods infringing a registered mark
    """),
    TrademarkAct,
)
english(
    pairs("""
        broadcast_signal broadcasting, copying or spreading a broadcast without permission
        circumvention knowingly circumventing or breaking technical measures
        forged_signature making or selling works with a forged author's signature
        performance_recording copying or spreading a performer's performance without permission
        publishing_exclusive_book publishing a book another holds the exclusive right to publish
        reproducing_distributing using a work without permission (copying, performing, broadcasting, online)
        rights_info_removal knowingly removing or altering rights management information
        sound_recording copying or spreading sound or video recordings without permission
    """),
    CopyrightAct,
)
english(
    pairs("""
        on_site_inspection on-site inspection
        product_inspection inspection of the products
        questioning questioning the parties concerned
        records inspecting and copying contracts, invoices and accounts
        sealing_seizing sealing up or seizing
    """),
    InvestigationMeasure,
)
english(
    pairs("""
        heavier heavier administrative penalty
        standard ordinary administrative penalty
        warning_only warning only
    """),
    PenaltySeverity,
)
