"""The words `events.cjk` reads events by, per language (ja, zh, ko).

Triggers are the nouns and verb stems news in each language uses for the ontology's
types (`events.ontology`). Status cues are the words that put an event in the future,
make it possible only, or deny it; `events.cjk` looks for them in the trigger's scope.
The additions of the tuning round (attacks, nuclear tests, elections, announcements,
requests, rejections, aid; negation and possibility) came from misses on the tuning
half of `tests/events/data/cjk_events.jsonl`, each added in all three languages.
"""

from __future__ import annotations

from collections.abc import Mapping

#: language -> trigger word -> event type.
LEXICON: Mapping[str, Mapping[str, str]] = {
    "ja": {
        "会談": "meeting", "首脳会談": "meeting", "協議": "meeting", "会合": "meeting",
        "会議": "meeting", "対話": "meeting",
        "訪問": "visit", "表敬訪問": "visit", "来日": "visit", "訪日": "visit", "訪米": "visit",
        "訪中": "visit", "訪韓": "visit",
        "会見": "statement", "記者会見": "statement", "声明": "statement", "談話": "statement",
        "共同発表": "statement", "発表": "statement",
        "合意": "agreement", "署名": "signing", "調印": "signing",
        "発射": "missile_launch", "核実験": "missile_launch", "打ち上げ": "missile_launch",
        "就任": "appointment", "辞任": "leaving_office",
        "制裁": "sanction", "演習": "military_exercise", "非難": "condemnation",
        "侵攻": "attack", "攻撃": "attack", "銃撃": "attack", "空爆": "attack",
        "選挙": "election", "支援": "aid", "拒否権": "rejection", "拒否": "rejection",
        "要請": "request",
    },
    "zh": {
        "会谈": "meeting", "会晤": "meeting", "会见": "meeting", "磋商": "meeting",
        "战略对话": "meeting", "峰会": "meeting", "会议": "meeting", "通话": "meeting",
        "访问": "visit", "到访": "visit", "访华": "visit", "访美": "visit",
        "声明": "statement", "讲话": "statement", "记者会": "statement", "宣布": "statement",
        "达成协议": "agreement", "签署": "signing", "签订": "signing",
        "发射": "missile_launch", "核试验": "missile_launch", "试射": "missile_launch",
        "就职": "appointment", "就任": "appointment",
        "辞职": "leaving_office", "制裁": "sanction", "演习": "military_exercise",
        "谴责": "condemnation",
        "进攻": "attack", "袭击": "attack", "空袭": "attack", "入侵": "attack",
        "选举": "election", "当选": "election", "援助": "aid", "否决": "rejection",
        "拒绝": "rejection", "呼吁": "request",
    },
    "ko": {
        "회담": "meeting", "회의": "meeting", "회동": "meeting", "정상회담": "meeting",
        "통화": "meeting", "협의": "meeting",
        "방문": "visit", "방한": "visit", "방미": "visit", "방일": "visit", "예방": "visit",
        "성명": "statement", "기자회견": "statement", "담화": "statement", "발표": "statement",
        "합의": "agreement", "서명": "signing", "체결": "signing",
        "발사": "missile_launch", "핵실험": "missile_launch", "쏜": "missile_launch",
        "쐈": "missile_launch", "쏘아": "missile_launch",
        "취임": "appointment", "사임": "leaving_office",
        "제재": "sanction", "훈련": "military_exercise", "규탄": "condemnation",
        "침공": "attack", "공격": "attack", "피습": "attack", "공습": "attack",
        "선거": "election", "당선": "election", "지원": "aid", "거부": "rejection",
        "촉구": "request",
    },
}  # fmt: skip

#: Longer words that contain a trigger but name no event (국회의원 "member of
#: parliament" holds 회의 "meeting"); matched first, so the trigger inside is skipped.
NOT_TRIGGERS: Mapping[str, tuple[str, ...]] = {
    "ja": ("国会議員", "会議員", "会議所"),
    "zh": ("会议员",),
    "ko": ("국회의원", "회의원"),
}

#: Trigger words that name their type only with one of the words in their sentence,
#: as the English lexicon's "fire with missile": Korean 쏘다 "to shoot" is a launch
#: only when a missile or a rocket is what is shot.
NEEDS: Mapping[str, tuple[str, ...]] = {
    "쏜": ("미사일", "로켓", "발사체", "탄도"),
    "쐈": ("미사일", "로켓", "발사체", "탄도"),
    "쏘아": ("미사일", "로켓", "발사체", "탄도"),
}

#: language -> words that put an event still to come (docs/events.md, `planned`).
PLANNED: Mapping[str, tuple[str, ...]] = {
    "ja": ("予定", "見通し", "方針", "調整している", "検討"),
    "zh": ("将于", "将在", "将", "计划", "拟于", "即将", "考虑"),
    "ko": ("예정", "계획", "할 방침", "검토"),
}

#: language -> words that make an event only possible (`hypothetical`).
HYPOTHETICAL: Mapping[str, tuple[str, ...]] = {
    "ja": ("可能性", "かもしれない", "恐れ", "場合"),
    "zh": ("可能", "如果", "一旦"),
    "ko": ("가능성", "경우", "우려"),
}

#: language -> negations and words that call an event off (`denied`).
DENIED: Mapping[str, tuple[str, ...]] = {
    "ja": ("ない", "なかった", "見送", "中止", "否定", "取りやめ"),
    "zh": ("没有", "并未", "尚未", "不会", "取消", "否认"),
    "ko": ("않", "없", "부인", "취소", "무산"),
}
