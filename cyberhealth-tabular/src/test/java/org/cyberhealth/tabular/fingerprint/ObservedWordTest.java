package org.cyberhealth.tabular.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cyberhealth.core.BadInputException;
import org.junit.jupiter.api.Test;

class ObservedWordTest {

    @Test
    void majorityDecidesAndTiesOrSilenceErase() {
        ObservedWord word = ObservedWord.fromVotes(new int[] {5, 1, 0, 3, 2}, new int[] {2, 4, 0, 3, 0});

        assertThat(word.length()).isEqualTo(5);
        assertThat(word.bit(0)).isFalse();
        assertThat(word.bit(1)).isTrue();
        assertThat(word.isErased(2)).isTrue();
        assertThat(word.isErased(3)).isTrue();
        assertThat(word.bit(4)).isFalse();
        assertThat(word.erasures()).isEqualTo(2);
        assertThat(word.readPositions()).isEqualTo(3);
        assertThatThrownBy(() -> word.bit(2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCodewordIsReadBackExactly() {
        Codeword w = Codeword.of(true, false, true, true);
        ObservedWord word = ObservedWord.of(w);
        assertThat(word.erasures()).isZero();
        for (int i = 0; i < w.length(); i++) {
            assertThat(word.bit(i)).isEqualTo(w.bit(i));
        }
        assertThat(Codeword.fromBits(w.toBits())).isEqualTo(w);
    }

    @Test
    void malformedVotesAreBadInput() {
        assertThatThrownBy(() -> ObservedWord.fromVotes(new int[3], new int[4])).isInstanceOf(BadInputException.class)
                .hasMessageContaining("3 and 4 positions");
        assertThatThrownBy(() -> ObservedWord.fromVotes(new int[] {-1}, new int[] {0})).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> ObservedWord.fromVotes(new int[0], new int[0])).isInstanceOf(BadInputException.class)
                .hasMessageContaining("at least one position");
        assertThatThrownBy(Codeword::of).isInstanceOf(BadInputException.class).hasMessageContaining("at least one bit");
    }
}
