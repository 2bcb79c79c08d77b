#!/usr/bin/env python3
"""Writes testdata/demo-emr.ccks.jsonl: a synthetic, hand-composed sample of Chinese EMR-like
records in the yidu-s4k (CCKS 2019) JSON-lines format, for `make demo` and the model-* tests.

The sentences come from templates written for this project and term lists of common clinical
words; no record is taken from any corpus. The output is deterministic (fixed seed), so the file
in testdata/ is reproducible: python3 testdata/demo-sample.py > testdata/demo-emr.ccks.jsonl
"""
import json
import random

TERMS = {
    "疾病和诊断": "高血压 糖尿病 2型糖尿病 冠心病 胃癌 直肠癌 结肠癌 肺癌 乳腺癌 食管癌 肺炎 慢性胃炎 胆囊结石 "
                 "肝硬化 甲状腺结节 脑梗死 贫血 慢性支气管炎 急性胰腺炎 肾功能不全 心房颤动 乙型肝炎 低分化腺癌 "
                 "鳞状细胞癌 急性阑尾炎 痛风 胃溃疡 肠梗阻 骨质疏松 前列腺增生".split(),
    "解剖部位": "腹部 胃窦 胃体 右肺上叶 左肺下叶 肝脏 胆囊 双下肢 颈部 胸部 直肠 乙状结肠 左乳 右乳 甲状腺 "
               "腰椎 心脏 脾脏 双肾 头部 剑突下 右下腹 左上腹 腹股沟 食管 十二指肠 膀胱 前列腺 盆腔 "
               "肝内".split(),
    "实验室检验": "血常规 白细胞 血红蛋白 血小板 肝功能 肾功能 CEA CA199 空腹血糖 尿常规 肌酐 谷丙转氨酶 总胆红素 "
                 "C反应蛋白 凝血功能 血钾 糖化血红蛋白 大便隐血 降钙素原 尿酸".split(),
    "影像检查": "胸部CT 腹部CT 胃镜 肠镜 彩超 B超 MRI 心电图 胸片 PET-CT 腹部彩超 头颅CT 骨扫描 超声心动图 "
               "盆腔MRI 增强CT".split(),
    "药物": "头孢呋辛 奥沙利铂 卡培他滨 阿司匹林 硝苯地平 二甲双胍 胰岛素 奥美拉唑 替吉奥 氟尿嘧啶 紫杉醇 顺铂 "
           "甲硝唑 左氧氟沙星 地塞米松 吗啡 呋塞米 氯化钾 阿托伐他汀 美托洛尔 亚叶酸钙 泮托拉唑".split(),
    "手术": "直肠癌根治术 胃癌根治术 腹腔镜胆囊切除术 右半结肠切除术 乳腺癌改良根治术 阑尾切除术 肺叶切除术 "
           "甲状腺全切术 食管癌根治术 胰十二指肠切除术 肝部分切除术 冠状动脉支架植入术 腹腔镜下乙状结肠切除术".split(),
}
# Some names are made up from parts, so that the held-out part of the sample has names never seen
# in training and the model must read them from their context, as with real records.
SYLLABLES = "奥 美 拉 唑 沙 星 西 林 洛 尔 替 尼 普 利 卡 铂 多 他 汀 可 那 韦 索 非 布".split()
DRUG_ENDINGS = "片 胶囊 注射液 缓释片".split()
ORGAN_ROOTS = "胃 肺 肝 胆 胰 肾 结肠 直肠 乳腺 甲状腺 食管 膀胱 卵巢 宫颈".split()
DISEASE_ENDINGS = "癌 炎 结石 囊肿 息肉 占位 腺瘤".split()
SIDES = "左 右 双侧".split()
SUBPARTS = "上叶 下叶 中叶 上极 下极 前壁 后壁".split()


def made_up(kind, rng):
    if kind == "药物":
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        return name + (rng.choice(DRUG_ENDINGS) if rng.random() < 0.3 else "")
    if kind == "疾病和诊断":
        return rng.choice(ORGAN_ROOTS) + rng.choice(DISEASE_ENDINGS)
    if kind == "解剖部位":
        return rng.choice(SIDES) + rng.choice(ORGAN_ROOTS) + rng.choice(SUBPARTS)
    return None


SLOT = {"D": "疾病和诊断", "A": "解剖部位", "L": "实验室检验", "I": "影像检查", "M": "药物", "O": "手术"}

# {X} is an entity slot; {n} a small number; {v} a lab value; {t} a time; {s} a finding.
TEMPLATES = """\
患者{n}月前无明显诱因出现{A}疼痛，行{I}检查示：{D}。
入院查{L}示：{L}偏高，予{M}抗感染治疗。
{n}年前于我院行{O}，术后病理示：{D}。
既往有{D}病史{n}余年，口服“{M}”控制可。
复查{I}示{A}{s}，考虑{D}。
术后予{M}+{M}方案化疗{n}周期，过程顺利。
查体：{A}平软，{A}未触及肿大。
患者一般情况好，无恶心呕吐，无{A}疼痛。
行{I}提示{A}占位，遂于{t}行{O}。
{L}：{v}，{L}：{v}。
予{M}静滴，{M}护胃等对症支持治疗。
患者因“{D}”入院，入院后完善{L}、{L}及{I}等检查。
出院诊断：1.{D} 2.{D}
{A}见一大小约{n}cm×{n}cm肿物，质硬，活动度差。
否认{D}、{D}等慢性病史。
术中见{A}与{A}粘连，予仔细分离。
{t}行{I}示：{A}{s}，{A}未见异常。
患者于{t}在全麻下行{O}，手术顺利。
{I}：{A}多发结节，{D}可能大。
口服{M}、{M}降压治疗，血压控制尚可。
术后病理：（{A}）{D}，侵及浆膜层。
予{M}{n}mg 静脉推注后症状缓解。
{L}阳性，{L}阴性。
主诉：{A}不适{n}天。""".splitlines()

FINDINGS = "多发低密度影 结节影 占位性病变 增厚 软组织影 多发小结节".split()


def fill(template, rng):
    text, entities, i = "", [], 0
    while i < len(template):
        if template[i] == "{":
            j = template.index("}", i)
            key = template[i + 1:j]
            if key in SLOT:
                term = made_up(SLOT[key], rng) if rng.random() < 0.35 else None
                term = term or rng.choice(TERMS[SLOT[key]])
                entities.append({"label_type": SLOT[key], "overlap": 0,
                                 "start_pos": len(text), "end_pos": len(text) + len(term)})
                text += term
            elif key == "n":
                text += str(rng.randint(1, 12))
            elif key == "v":
                text += "%.1f" % rng.uniform(0.5, 200)
            elif key == "t":
                text += "%d-%02d-%02d" % (rng.randint(2010, 2019), rng.randint(1, 12), rng.randint(1, 28))
            elif key == "s":
                text += rng.choice(FINDINGS)
            i = j + 1
        else:
            text += template[i]
            i += 1
    return text, entities


def main():
    rng = random.Random(20191)
    for _ in range(200):
        text, entities = "", []
        for _ in range(rng.randint(1, 4)):
            piece, ents = fill(rng.choice(TEMPLATES), rng)
            for e in ents:
                e["start_pos"] += len(text)
                e["end_pos"] += len(text)
            text += piece
            entities += ents
        print(json.dumps({"originalText": text, "entities": entities}, ensure_ascii=False))


if __name__ == "__main__":
    main()
