package br.com.kycert.runs;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.shared.SubjectType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "900.000.001-75",
                "900.000.002-56",
                "900.000.003-37",
                "900.000.004-18",
                "900.000.005-07",
                "900.000.006-80",
                "900.000.007-60",
                "900.000.008-41",
                "529.982.247-25",
                "52998224725",
                " 529 982 247 25 "
            })
    void validCpfs(String cpf) {
        assertThat(Documents.cpfError(Documents.canonical(cpf))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "123.456.789-01",
                "111.111.111-11",
                "000.000.000-00",
                "5299822472",
                "529982247250",
                "52998224724",
                "5299822472A",
                "529_982_247_25"
            })
    void invalidCpfs(String cpf) {
        assertThat(Documents.cpfError(Documents.canonical(cpf))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "KY.CTS.T01/0001-61",
                "KY.CTS.T02/0001-06",
                "KY.CTS.T03/0001-50",
                "KY.CTS.T04/0001-03",
                "90.000.001/0001-29",
                "11.222.333/0001-81",
                "12.ABC.345/01DE-35",
                "12.abc.345/01de-35"
            })
    void validCnpjs(String cnpj) {
        assertThat(Documents.cnpjError(Documents.canonical(cnpj))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "11.222.333/0001-82",
                "12.ABC.345/01DE-36",
                "00.000.000/0000-00",
                "11222333000",
                "12ABC34501DEAB",
                "KY.CTS.T01/0001-6",
                "KY#CTS.T01/0001-61"
            })
    void invalidCnpjs(String cnpj) {
        assertThat(Documents.cnpjError(Documents.canonical(cnpj))).isPresent();
    }

    @Test
    void canonicalStripsOnlyPunctuationAndSpacesAndUpperCases() {
        assertThat(Documents.canonical("12.abc.345/01de-35")).isEqualTo("12ABC34501DE35");
        assertThat(Documents.canonical("900.000.001_75")).isEqualTo("900000001_75");
    }

    @Test
    void maskingHidesTheEdges() {
        assertThat(Documents.mask(SubjectType.PF, "90000000175")).isEqualTo("***.000.001-**");
        assertThat(Documents.mask(SubjectType.PJ, "KYCTST01000161")).isEqualTo("**.CTS.T01/****-**");
    }
}
